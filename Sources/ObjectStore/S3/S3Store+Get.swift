import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// Downloads. One connection rarely fills a link (or a server's per-request
/// pipeline), so an object larger than one range is read as ranged GETs issued
/// a few ranges ahead of the reader and read in order (see ``RangedReader``):
/// memory stays flat whatever the object size, and a cut connection costs a
/// resumed range instead of the whole download.
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

    public func get(key: String, range: Range<Int64>) async throws -> [UInt8] {
        try Self.validate(key: key)
        guard range.lowerBound < range.upperBound else { return [] }
        let (_, body) = try await sendCollecting(
            Call(operation: "get bytes \(range.lowerBound)-\(range.upperBound - 1)", key: key, method: .GET,
                 headers: [("range", "bytes=\(range.lowerBound)-\(range.upperBound - 1)")]),
            limit: Int(range.upperBound - range.lowerBound) + 1)
        return body.getBytes(at: body.readerIndex, length: body.readableBytes) ?? []
    }

    private func streamed(_ body: HTTPClientResponse.Body, key: String) -> ByteStream {
        ByteStream {
            let box = ResponseBodyBox(body.makeAsyncIterator())
            return {
                do {
                    return try await box.next()
                } catch {
                    throw self.transportError(operation: "get", key: key, error)
                }
            }
        }
    }

    /// `bytes 0-8388607/1073741824` → 1073741824 (nil for `*` or anything else).
    static func totalSize(contentRange: String?) -> Int64? {
        guard let contentRange, let slash = contentRange.lastIndex(of: "/") else { return nil }
        return Int64(contentRange[contentRange.index(after: slash)...])
    }

    /// Starts a GET of bytes `start..<end` pinned to `etag` (an object replaced
    /// mid-download fails with 412 instead of mixing two versions); the body is
    /// left to stream.
    func requestRange(key: String, start: Int64, end: Int64, etag: String?) async throws -> HTTPClientResponse {
        var headers = [("range", "bytes=\(start)-\(end - 1)")]
        if let etag { headers.append(("if-match", etag)) }
        return try await send(Call(operation: "get bytes \(start)-\(end - 1)", key: key, method: .GET, headers: headers))
    }
}

/// Hands out an object's bytes in order from ranged GETs that run ahead of the
/// reader. Each range is *requested* early but its body is *read* only in
/// turn: a range waiting its turn holds no more than the client's small
/// per-connection buffer, the rest waits in the kernel's socket buffers and the
/// server — so several large requests are in flight (what servers read
/// fastest) while the engine's memory stays flat. A connection cut mid-range is
/// resumed from the last byte received; dropping the reader cancels the rest.
final class RangedReader: @unchecked Sendable {
    private struct Pending {
        var start: Int64
        var end: Int64
        var response: Task<HTTPClientResponse, any Error>
    }

    private let store: S3Store
    private let key: String
    private let etag: String?
    private let total: Int64
    private let rangeSize: Int64
    private let inFlight: Int
    private var pending: [Pending] = []
    private var nextStart: Int64
    // The range being read.
    private var body: ResponseBodyBox?
    private var position: Int64 = 0
    private var end: Int64
    private var resumes = 0

    init(store: S3Store, key: String, etag: String?, first: ResponseBodyBox, total: Int64) {
        self.store = store
        self.key = key
        self.etag = etag
        self.total = total
        self.rangeSize = Int64(store.configuration.rangeSize)
        self.inFlight = store.configuration.rangesInFlight
        self.body = first
        self.end = Int64(store.configuration.rangeSize)
        self.nextStart = Int64(store.configuration.rangeSize)
    }

    deinit {
        for range in pending { range.response.cancel() }
    }

    func next() async throws -> ByteBuffer? {
        while true {
            schedule()
            if let body {
                do {
                    if let chunk = try await body.next() {
                        position += Int64(chunk.readableBytes)
                        guard position <= end else {
                            throw ObjectStoreError.invalidResponse(operation: "get", store: store.displayName,
                                                                   reason: "more bytes than the range asked for (\(key))")
                        }
                        return chunk
                    }
                } catch let error as ObjectStoreError {
                    throw error
                } catch {
                    try await resume(after: error)
                    continue
                }
                guard position == end else {
                    try await resume(after: nil)
                    continue
                }
                self.body = nil
            }
            guard !pending.isEmpty else { return nil }
            let range = pending.removeFirst()
            position = range.start
            end = range.end
            do {
                body = ResponseBodyBox(try await range.response.value.body.makeAsyncIterator())
            } catch let error as ObjectStoreError where error.isTransient {
                try await resume(after: error)  // asked too early (the server was away): ask again
            }
        }
    }

    /// Asks again for the rest of the current range after its connection failed.
    private func resume(after error: (any Error)?) async throws {
        resumes += 1
        guard resumes < store.configuration.maxAttempts * 4 else {
            throw ObjectStoreError.transport(
                operation: "get", store: store.displayName, key: key,
                reason: "the download kept failing at byte \(position) of \(total)" + (error.map { ": \($0)" } ?? ""))
        }
        let response = try await store.requestRange(key: key, start: position, end: end, etag: etag)
        body = ResponseBodyBox(response.body.makeAsyncIterator())
    }

    private func schedule() {
        while pending.count < inFlight, nextStart < total {
            let start = nextStart
            let end = min(start + rangeSize, total)
            nextStart = end
            let (store, key, etag) = (store, key, etag)
            pending.append(Pending(start: start, end: end, response: Task {
                try await store.requestRange(key: key, start: start, end: end, etag: etag)
            }))
        }
    }
}
