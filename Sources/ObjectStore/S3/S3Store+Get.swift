import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// Downloads. One connection rarely fills a link (or a server's per-request
/// pipeline), so an object larger than one range is read as ranged GETs run in
/// parallel a few ranges ahead of the reader and handed over in order: memory
/// stays about (rangesInFlight + 1) × rangeSize whatever the object size, and a
/// transient failure costs one range, retried, instead of the whole download.
extension S3Store {
    public func get(key: String) async throws -> ByteStream {
        try Self.validate(key: key)
        let rangeSize = configuration.rangeSize
        let first: HTTPClientResponse
        do {
            first = try await send(Call(operation: "get", key: key, method: .GET,
                                        headers: [("range", "bytes=0-\(rangeSize - 1)")]))
        } catch let ObjectStoreError.service(_, _, _, status, _, _) where status == 416 {
            // An empty object has no byte 0 for a range to start at.
            return streamed(try await send(Call(operation: "get", key: key, method: .GET)).body, key: key)
        }
        guard first.status == .partialContent,
              let total = Self.totalSize(contentRange: first.headers.first(name: "content-range")),
              total > Int64(rangeSize)
        else {
            // The whole object (small, or a server that ignores Range).
            return streamed(first.body, key: key)
        }
        let reader = RangedReader(store: self, key: key, etag: first.headers.first(name: "etag"),
                                  first: ResponseBodyBox(first.body.makeAsyncIterator()), total: total)
        // A stream is iterated once; a second iteration would find the first body consumed.
        return ByteStream { { try await reader.next() } }
    }

    private func streamed(_ body: HTTPClientResponse.Body, key: String) -> ByteStream {
        let store = displayName
        return ByteStream {
            let box = ResponseBodyBox(body.makeAsyncIterator())
            return {
                do {
                    return try await box.next()
                } catch {
                    throw ObjectStoreError.transport(operation: "get", store: store, key: key, reason: "\(error)")
                }
            }
        }
    }

    /// `bytes 0-8388607/1073741824` → 1073741824 (nil for `*` or anything else).
    static func totalSize(contentRange: String?) -> Int64? {
        guard let contentRange, let slash = contentRange.lastIndex(of: "/") else { return nil }
        return Int64(contentRange[contentRange.index(after: slash)...])
    }

    /// Bytes `start..<end` of `key`, pinned to `etag` so that an object replaced
    /// mid-download fails (412) instead of mixing two versions. The body is kept
    /// as the buffers the connection received, without copying them into one.
    func fetchRange(key: String, start: Int64, end: Int64, etag: String?) async throws -> [ByteBuffer] {
        var headers = [("range", "bytes=\(start)-\(end - 1)")]
        if let etag { headers.append(("if-match", etag)) }
        let call = Call(operation: "get bytes \(start)-\(end - 1)", key: key, method: .GET, headers: headers)
        let length = Int(end - start)
        return try await withRetry(call) {
            let response = try await self.sendChecked(call)
            var chunks: [ByteBuffer] = []
            var received = 0
            do {
                for try await chunk in response.body {
                    received += chunk.readableBytes
                    guard received <= length else {
                        throw ObjectStoreError.invalidResponse(operation: call.operation, store: self.displayName,
                                                               reason: "more bytes than the range asked for (\(key))")
                    }
                    chunks.append(chunk)
                }
            } catch let error as ObjectStoreError {
                throw error
            } catch {
                throw self.transportError(call, error)  // a cut connection: transient, retried
            }
            guard received == length else {
                throw ObjectStoreError.transport(
                    operation: call.operation, store: self.displayName, key: key,
                    reason: "the range ended after \(received) of \(length) bytes")
            }
            return chunks
        }
    }
}

/// Hands out an object's bytes in order: first the streamed body of the first
/// range, then ranges fetched ahead by tasks, at most `rangesInFlight` at once.
/// Dropping the reader cancels the fetches still running.
final class RangedReader: @unchecked Sendable {
    private let store: S3Store
    private let key: String
    private let etag: String?
    private let total: Int64
    private let rangeSize: Int64
    private let inFlight: Int
    private var first: ResponseBodyBox?
    private var nextStart: Int64
    private var pending: [Task<[ByteBuffer], any Error>] = []
    private var current: [ByteBuffer] = []
    private var currentIndex = 0

    init(store: S3Store, key: String, etag: String?, first: ResponseBodyBox, total: Int64) {
        self.store = store
        self.key = key
        self.etag = etag
        self.total = total
        self.rangeSize = Int64(store.configuration.rangeSize)
        self.inFlight = store.configuration.rangesInFlight
        self.first = first
        self.nextStart = Int64(store.configuration.rangeSize)
    }

    deinit {
        for task in pending { task.cancel() }
    }

    func next() async throws -> ByteBuffer? {
        schedule()
        if let body = first {
            let chunk: ByteBuffer?
            do {
                chunk = try await body.next()
            } catch {
                throw ObjectStoreError.transport(operation: "get", store: store.displayName, key: key, reason: "\(error)")
            }
            if let chunk { return chunk }
            first = nil
        }
        while currentIndex == current.count {
            guard !pending.isEmpty else { return nil }
            current = try await pending.removeFirst().value
            currentIndex = 0
            schedule()
        }
        defer { currentIndex += 1 }
        return current[currentIndex]
    }

    private func schedule() {
        while pending.count < inFlight, nextStart < total {
            let start = nextStart
            let end = min(start + rangeSize, total)
            nextStart = end
            let (store, key, etag) = (store, key, etag)
            pending.append(Task { try await store.fetchRange(key: key, start: start, end: end, etag: etag) })
        }
    }
}
