import Synchronization
import AsyncHTTPClient
import Crypto
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOSSL

/// An S3-compatible bucket over AsyncHTTPClient, signed with SigV4.
///
/// Uploads stream: a body shorter than one part goes up in a single PUT; anything
/// longer becomes a multipart upload whose parts are sent in parallel with a
/// bounded number in flight, so memory is about (partsInFlight + 1) × partSize
/// whatever the object size. A multipart upload that fails is aborted.
public final class S3Store: ObjectStore {
    public let configuration: S3Configuration
    let client: HTTPClient
    let logger: Logger
    private let signer: SigV4Signer
    private let shutdownState = ShutdownState()

    public init(configuration: S3Configuration, logger: Logger = Logger(label: "blueprint.objectstore.s3")) {
        self.configuration = configuration
        self.logger = logger
        self.signer = SigV4Signer(credentials: configuration.credentials, region: configuration.region)
        var tls = TLSConfiguration.makeClientConfiguration()
        if configuration.skipSSLVerify { tls.certificateVerification = .none }
        var clientConfiguration = HTTPClient.Configuration(
            tlsConfiguration: tls,
            timeout: .init(
                connect: Self.timeAmount(configuration.connectTimeout),
                read: Self.timeAmount(configuration.readTimeout)))
        clientConfiguration.decompression = .disabled
        // The pool would otherwise retry a refused connection until the connect
        // timeout, for every request (40–50 s before a closed port was reported);
        // `withRetry` bounds those retries itself (`unreachableAttempts`).
        clientConfiguration.connectionPool.retryConnectionEstablishment = false
        clientConfiguration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = max(8, configuration.partsInFlight * 2)
        self.client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: clientConfiguration)
    }

    public var displayName: String { "s3://\(configuration.bucket)" }

    /// Releases the connection pool. Safe to call more than once; a store that is
    /// dropped without it shuts its client down in the background.
    public func shutdown() async throws {
        guard shutdownState.markShutDown() else { return }
        try await client.shutdown()
    }

    deinit {
        if shutdownState.markShutDown() {
            client.shutdown { _ in }
        }
    }

    // MARK: Requests

    /// A request small enough to keep in memory, so it can be re-sent on retry.
    struct Call {
        var operation: String
        var key: String?
        var method: HTTPMethod
        var query: [(String, String)] = []
        var headers: [(String, String)] = []
        var body: Payload? = nil
        /// Keys a whole-bucket request with no object key (`nil`) vs. an object.
        var targetsObject: Bool = true
    }

    /// Sends one request, retrying transient failures with exponential backoff and
    /// full jitter; returns the response with its body still to be read.
    func send(_ call: Call) async throws -> HTTPClientResponse {
        try await withRetry(call) { try await self.sendChecked(call) }
    }

    /// Sends and reads a small response body fully (XML answers).
    func sendCollecting(_ call: Call, limit: Int = 16 * 1024 * 1024) async throws -> (HTTPClientResponse, ByteBuffer) {
        try await withRetry(call) {
            let response = try await self.sendChecked(call)
            do {
                return (response, try await response.body.collect(upTo: limit))
            } catch {
                throw self.transportError(call, error)
            }
        }
    }

    func withRetry<T>(_ call: Call, _ body: () async throws -> T) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await body()
            } catch let error as ObjectStoreError where error.isTransient {
                guard attempt < attempts(for: error) else { throw error.afterAttempts(attempt) }
                logger.debug("retrying after transient failure", metadata: [
                    "operation": "\(call.operation)", "attempt": "\(attempt)", "error": "\(error)",
                ])
                try await Task.sleep(for: retryDelay(attempt: attempt))
                attempt += 1
            }
        }
    }

    /// How often a request is tried after `error`: a server that cannot be
    /// reached or never answers gets fewer attempts than a busy one.
    func attempts(for error: ObjectStoreError) -> Int {
        if case .unreachable = error { return min(configuration.unreachableAttempts, configuration.maxAttempts) }
        return configuration.maxAttempts
    }

    static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(max(1_000_000, seconds * 1_000_000_000 + attoseconds / 1_000_000_000))
    }

    /// One attempt; an error status becomes an `ObjectStoreError`.
    func sendChecked(_ call: Call) async throws -> HTTPClientResponse {
        let response = try await sendOnce(call)
        if response.status.code >= 300 {
            throw await serviceError(call, response: response)
        }
        return response
    }

    func retryDelay(attempt: Int) -> Duration {
        let base = configuration.baseRetryDelay * (1 << min(attempt - 1, 20))
        let capped = min(base, configuration.maxRetryDelay)
        let millis = max(1, Int(capped.components.seconds * 1000 + capped.components.attoseconds / 1_000_000_000_000_000))
        return .milliseconds(Int.random(in: millis / 2...millis))
    }

    private func sendOnce(_ call: Call) async throws -> HTTPClientResponse {
        let location = configuration.location(forKey: call.targetsObject ? call.key : nil)
        var url = location.url
        if !call.query.isEmpty {
            url += "?" + call.query.map {
                "\(SigV4Signer.uriEncode($0.0, encodeSlash: true))=\(SigV4Signer.uriEncode($0.1, encodeSlash: true))"
            }.joined(separator: "&")
        }
        let payloadHash: String
        if let body = call.body, body.count > 0, configuration.signsPayload {
            var hasher = SHA256()
            for chunk in body.chunks { chunk.withUnsafeReadableBytes { hasher.update(bufferPointer: $0) } }
            payloadHash = SigV4Signer.hex(hasher.finalize())
        } else if call.body == nil || call.body?.count == 0 {
            payloadHash = SigV4Signer.emptyPayloadHash
        } else {
            payloadHash = SigV4Signer.unsignedPayload
        }
        var toSign: [(String, String)] = [("host", location.host)]
        toSign.append(contentsOf: call.headers)
        let added = signer.sign(
            .init(method: call.method.rawValue, encodedPath: location.encodedPath, query: call.query,
                  headers: toSign, payloadHash: payloadHash),
            date: Date())
        var request = HTTPClientRequest(url: url)
        request.method = call.method
        for (name, value) in toSign { request.headers.replaceOrAdd(name: name, value: value) }
        for (name, value) in added { request.headers.replaceOrAdd(name: name, value: value) }
        if let body = call.body {
            request.body = body.chunks.count == 1
                ? .bytes(body.chunks[0])
                : .stream(body, length: .known(Int64(body.count)))
        } else if call.method == .PUT || call.method == .POST {
            // S3 refuses a PUT/POST without a length (411 MissingContentLength).
            request.body = .bytes(ByteBuffer())
        }
        do {
            return try await client.execute(request, timeout: .hours(24), logger: nil)
        } catch let error as CancellationError {
            throw error
        } catch {
            throw transportError(call, error)
        }
    }

    func transportError(_ call: Call, _ error: any Error) -> ObjectStoreError {
        transportError(operation: call.operation, key: call.key, error)
    }

    /// A failed request as the user should read it: a connection failure names
    /// the endpoint and the fix, anything else keeps the client's wording.
    func transportError(operation: String, key: String?, _ error: any Error) -> ObjectStoreError {
        if let error = error as? ObjectStoreError { return error }
        if let failure = ConnectionFailure.classify(
            error, host: configuration.endpoint.host ?? "", connectTimeout: configuration.connectTimeout,
            readTimeout: configuration.readTimeout) {
            return .unreachable(operation: operation, store: displayName, key: key,
                                endpoint: configuration.endpointAuthority, failure: failure, attempts: 1)
        }
        return .transport(operation: operation, store: displayName, key: key, reason: "\(error)")
    }

    /// Reads S3's XML error body: `<Error><Code>…</Code><Message>…</Message></Error>`.
    private func serviceError(_ call: Call, response: HTTPClientResponse) async -> ObjectStoreError {
        let status = Int(response.status.code)
        let body = try? await response.body.collect(upTo: 1 << 20)
        var code = response.status.reasonPhrase
        var message = ""
        if let body, body.readableBytes > 0, let fields = S3Answer.errorFields(Data(body.readableBytesView)) {
            code = fields.code ?? code
            message = fields.message ?? ""
        } else if status == 404 {
            code = call.targetsObject && call.key != nil ? "NoSuchKey" : "NoSuchBucket"
        }
        if (code == "NoSuchKey" || (status == 404 && call.method == .HEAD)), let key = call.key {
            return .notFound(operation: call.operation, store: displayName, key: key)
        }
        return .service(operation: call.operation, store: displayName, key: call.key,
                        status: status, code: code, message: message)
    }

    // MARK: ObjectStore

    @discardableResult
    public func put(key: String, body: ByteStream) async throws -> ObjectInfo {
        try Self.validate(key: key)
        var reader = PartReader(iterator: body.makeAsyncIterator())
        let (firstPart, endOfStream) = try await reader.read(size: configuration.partSize)
        if endOfStream {
            let (response, _) = try await sendCollecting(Call(operation: "put", key: key, method: .PUT, body: firstPart))
            return ObjectInfo(key: key, size: Int64(firstPart.count), lastModified: Date(),
                              etag: response.headers.first(name: "etag"))
        }
        // Hand the first part over so no reference outlives its upload.
        return try await multipartUpload(key: key, first: consume firstPart, rest: &reader)
    }

    private func multipartUpload(key: String, first: consuming Payload, rest reader: inout PartReader) async throws -> ObjectInfo {
        let (_, created) = try await sendCollecting(
            Call(operation: "create multipart upload", key: key, method: .POST, query: [("uploads", "")]))
        guard let uploadID = S3Answer.uploadID(Data(created.readableBytesView)) else {
            throw ObjectStoreError.invalidResponse(operation: "create multipart upload", store: displayName,
                                                   reason: "no UploadId in the answer")
        }
        var total = Int64(0)
        var current: Payload? = consume first
        do {
            var etags: [Int: String] = [:]
            let partsInFlight = configuration.partsInFlight
            try await withThrowingTaskGroup(of: (Int, String).self) { group in
                var endOfStream = false
                var partNumber = 1
                var inFlight = 0
                while let part = current {
                    if inFlight >= partsInFlight, let done = try await group.next() {
                        etags[done.0] = done.1
                        inFlight -= 1
                    }
                    guard partNumber <= S3Configuration.maximumParts else {
                        throw ObjectStoreError.invalidKey(
                            key: key, reason: "the object needs more than \(S3Configuration.maximumParts) parts (the last ones of \(self.configuration.partSize(forPart: partNumber)) bytes); raise the part size")
                    }
                    let number = partNumber
                    total += Int64(part.count)
                    group.addTask {
                        (number, try await self.uploadPart(key: key, uploadID: uploadID, number: number, body: part))
                    }
                    inFlight += 1
                    partNumber += 1
                    current = nil
                    if !endOfStream {
                        let next = try await reader.read(size: self.configuration.partSize(forPart: partNumber))
                        endOfStream = next.endOfStream
                        if next.buffer.count > 0 { current = next.buffer }
                    }
                }
                for try await (number, etag) in group { etags[number] = etag }
            }
            let parts = etags.keys.sorted().map {
                "<Part><PartNumber>\($0)</PartNumber><ETag>\(XMLTree.escape(etags[$0]!))</ETag></Part>"
            }.joined()
            let completeBody = Payload(ByteBuffer(string: "<CompleteMultipartUpload>\(parts)</CompleteMultipartUpload>"))
            let (_, answer) = try await sendCollecting(Call(
                operation: "complete multipart upload", key: key, method: .POST,
                query: [("uploadId", uploadID)], headers: [("content-type", "application/xml")], body: completeBody))
            // S3 may answer 200 and still report an error in the body.
            switch S3Answer.completion(Data(answer.readableBytesView)) {
            case .failed(let fields):
                throw ObjectStoreError.service(
                    operation: "complete multipart upload", store: displayName, key: key, status: 200,
                    code: fields.code ?? "InternalError", message: fields.message ?? "")
            case .completed(let etag):
                return ObjectInfo(key: key, size: total, lastModified: Date(), etag: etag)
            }
        } catch {
            await abortMultipart(key: key, uploadID: uploadID)
            throw error
        }
    }

    private func uploadPart(key: String, uploadID: String, number: Int, body: Payload) async throws -> String {
        let response = try await send(Call(
            operation: "upload part \(number)", key: key, method: .PUT,
            query: [("partNumber", "\(number)"), ("uploadId", uploadID)], body: body))
        // Drain the (empty) body so the connection returns to the pool.
        _ = try? await response.body.collect(upTo: 1 << 20)
        guard let etag = response.headers.first(name: "etag") else {
            throw ObjectStoreError.invalidResponse(operation: "upload part \(number)", store: displayName,
                                                   reason: "no ETag header for \(key)")
        }
        return etag
    }

    /// Best effort: if the server is gone, `cleanupIncompleteUploads` finds the
    /// upload later.
    private func abortMultipart(key: String, uploadID: String) async {
        do {
            let response = try await send(Call(
                operation: "abort multipart upload", key: key, method: .DELETE, query: [("uploadId", uploadID)]))
            _ = try? await response.body.collect(upTo: 1 << 20)
        } catch {
            logger.warning("could not abort multipart upload", metadata: [
                "key": "\(key)", "error": "\(error)",
            ])
        }
    }

    public func head(key: String) async throws -> ObjectInfo {
        try Self.validate(key: key)
        let (response, _) = try await sendCollecting(Call(operation: "head", key: key, method: .HEAD))
        let size = response.headers.first(name: "content-length").flatMap { Int64($0) } ?? 0
        let modified = response.headers.first(name: "last-modified").flatMap(Self.parseHTTPDate)
        return ObjectInfo(key: key, size: size, lastModified: modified, etag: response.headers.first(name: "etag"))
    }

    public func list(prefix: String) async throws -> [ObjectInfo] {
        var result: [ObjectInfo] = []
        var token: String?
        repeat {
            var query = [("list-type", "2"), ("prefix", prefix)]
            if let token { query.append(("continuation-token", token)) }
            let (_, body) = try await sendCollecting(Call(
                operation: "list", key: prefix, method: .GET, query: query, targetsObject: false))
            guard let page = S3Answer.listingPage(Data(body.readableBytesView)) else {
                throw ObjectStoreError.invalidResponse(operation: "list", store: displayName, reason: "the listing is not XML")
            }
            result += page.objects
            token = page.isTruncated ? page.continuationToken : nil
            if page.isTruncated && token == nil {
                throw ObjectStoreError.invalidResponse(operation: "list", store: displayName,
                                                       reason: "truncated listing without a continuation token")
            }
        } while token != nil
        return result.sorted { $0.key < $1.key }
    }

    public func delete(key: String) async throws {
        try Self.validate(key: key)
        do {
            _ = try await sendCollecting(Call(operation: "delete", key: key, method: .DELETE))
        } catch ObjectStoreError.notFound {
            return
        }
    }

    public func deleteMany(keys: [String]) async throws {
        for batchStart in stride(from: 0, to: keys.count, by: 1000) {
            let batch = keys[batchStart..<min(batchStart + 1000, keys.count)]
            let objects = batch.map { "<Object><Key>\(XMLTree.escape($0))</Key></Object>" }.joined()
            let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Delete xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Quiet>true</Quiet>\(objects)</Delete>"
            let body = Payload(ByteBuffer(string: xml))
            let md5 = Data(Insecure.MD5.hash(data: Array(xml.utf8))).base64EncodedString()
            let (_, answer) = try await sendCollecting(Call(
                operation: "delete objects", key: nil, method: .POST, query: [("delete", "")],
                headers: [("content-md5", md5), ("content-type", "application/xml")], body: body, targetsObject: false))
            if let failed = S3Answer.firstDeleteError(Data(answer.readableBytesView)) {
                throw ObjectStoreError.service(
                    operation: "delete objects", store: displayName, key: failed.key ?? "?", status: 200,
                    code: failed.code ?? "InternalError", message: failed.message ?? "")
            }
        }
    }

    /// Aborts every multipart upload under `prefix` that was never completed.
    public func cleanupIncompleteUploads(prefix: String) async throws {
        for upload in try await incompleteUploads(prefix: prefix) {
            let response = try await send(Call(
                operation: "abort multipart upload", key: upload.key, method: .DELETE,
                query: [("uploadId", upload.uploadID)]))
            _ = try? await response.body.collect(upTo: 1 << 20)
        }
    }

    /// Multipart uploads started under `prefix` and neither completed nor aborted.
    public func incompleteUploads(prefix: String) async throws -> [(key: String, uploadID: String)] {
        var result: [(key: String, uploadID: String)] = []
        var keyMarker: String?
        var uploadMarker: String?
        while true {
            var query = [("uploads", ""), ("prefix", prefix)]
            if let keyMarker { query.append(("key-marker", keyMarker)) }
            if let uploadMarker { query.append(("upload-id-marker", uploadMarker)) }
            let (_, body) = try await sendCollecting(Call(
                operation: "list multipart uploads", key: prefix, method: .GET, query: query, targetsObject: false))
            guard let page = S3Answer.uploadsPage(Data(body.readableBytesView)) else { break }
            result += page.uploads.map { ($0.key, $0.uploadID) }
            guard page.isTruncated else { break }
            keyMarker = page.nextKeyMarker
            uploadMarker = page.nextUploadIDMarker
            if keyMarker == nil { break }
        }
        return result
    }

    /// Creates the bucket (tests and `profile validate` setups); an existing bucket
    /// owned by us is fine.
    public func createBucket() async throws {
        do {
            _ = try await sendCollecting(Call(operation: "create bucket", key: nil, method: .PUT, targetsObject: false))
        } catch let ObjectStoreError.service(_, _, _, _, code, _) where code == "BucketAlreadyOwnedByYou" || code == "BucketAlreadyExists" {
            return
        }
    }

    /// A HEAD on the bucket: proves in one small request that the endpoint
    /// answers, the credentials are accepted and the bucket exists. It does not
    /// prove write permission (S3 has no cheap way to ask; a policy may allow
    /// reads only): the first put reports that, with the service's own error.
    public func checkWritable() async throws {
        do {
            _ = try await sendCollecting(Call(operation: "check bucket", key: nil, method: .HEAD, targetsObject: false))
        } catch let ObjectStoreError.service(_, _, _, status, code, message) where status == 404 || status == 403 {
            if status == 404 {
                throw ObjectStoreError.notWritable(
                    store: displayName, reason: "the bucket does not exist (HTTP 404 \(code))",
                    fix: "Create the bucket, or check location.bucket in the profile.")
            }
            throw ObjectStoreError.notWritable(
                store: displayName, reason: "access is denied (HTTP 403 \(code)\(message.isEmpty ? "" : ": \(message)"))",
                fix: "Check the profile's credentials and the bucket's policy.")
        }
    }

    static func validate(key: String) throws {
        if key.isEmpty { throw ObjectStoreError.invalidKey(key: key, reason: "the key is empty") }
        if key.utf8.count > 1024 { throw ObjectStoreError.invalidKey(key: key, reason: "S3 keys are at most 1024 bytes") }
    }

    static func parseHTTPDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text)
    }
}

/// A request body kept as the buffers it arrived in: a part of a streamed upload
/// is a list of the producer's chunks (sliced at the part boundary), never
/// copied into one block, and can be sent again on retry.
struct Payload: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    var chunks: [ByteBuffer] = []
    var count = 0

    init() {}
    init(_ buffer: ByteBuffer) { append(buffer) }

    /// Whether the last chunk is our own buffer collecting short reads.
    private var lastIsCollector = false
    private static let collectorSize = 256 << 10

    /// Keeps `buffer` itself when it uses nearly all of its storage; short reads in
    /// larger buffers (and short slices) are copied into a collector buffer that is
    /// filled before another is started — so a part pins at most one partly filled
    /// collector and an eighth more than its own bytes.
    mutating func append(_ buffer: ByteBuffer) {
        guard buffer.readableBytes > 0 else { return }
        count += buffer.readableBytes
        if buffer.readableBytes * 8 >= buffer.storageCapacity * 7 {
            chunks.append(buffer)
            lastIsCollector = false
            return
        }
        var rest = buffer
        while rest.readableBytes > 0 {
            if !lastIsCollector || chunks[chunks.count - 1].writableBytes == 0 {
                var collector = ByteBuffer()
                collector.reserveCapacity(Self.collectorSize)
                chunks.append(collector)
                lastIsCollector = true
            }
            let room = chunks[chunks.count - 1].writableBytes
            var piece = rest.readSlice(length: Swift.min(room, rest.readableBytes))!
            chunks[chunks.count - 1].writeBuffer(&piece)
        }
    }

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: IndexingIterator<[ByteBuffer]>
        mutating func next() async -> ByteBuffer? { base.next() }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(base: chunks.makeIterator()) }
}

/// Cuts a stream into parts of a given size, keeping the tail of a chunk that
/// straddles a part boundary for the next part.
struct PartReader {
    var iterator: ByteStream.AsyncIterator
    var carry: ByteBuffer?

    init(iterator: ByteStream.AsyncIterator) { self.iterator = iterator }

    mutating func read(size: Int) async throws -> (buffer: Payload, endOfStream: Bool) {
        var part = Payload()
        while part.count < size {
            var chunk: ByteBuffer
            if let pending = carry {
                chunk = pending
                carry = nil
            } else if let next = try await iterator.next() {
                chunk = next
            } else {
                return (part, true)
            }
            let room = size - part.count
            if chunk.readableBytes <= room {
                part.append(chunk)
            } else {
                part.append(chunk.readSlice(length: room)!)
                carry = chunk
            }
        }
        return (part, false)
    }
}

/// Whether the client was shut down, so it happens exactly once.
private final class ShutdownState: Sendable {
    private let done = Mutex(false)

    /// True the first time only.
    func markShutDown() -> Bool {
        done.withLock { done in
            if done { return false }
            done = true
            return true
        }
    }
}

/// Holds the response body iterator for a streamed GET.
final class ResponseBodyBox: @unchecked Sendable {
    var iterator: HTTPClientResponse.Body.AsyncIterator
    init(_ iterator: HTTPClientResponse.Body.AsyncIterator) { self.iterator = iterator }
    func next() async throws -> ByteBuffer? { try await iterator.next() }
}
