import Crypto
import Foundation
import NIOCore

/// Running SHA-256 and byte count of a stream as it passes through.
final class StreamDigest: @unchecked Sendable {
    private let lock = NSLock()
    private var hasher = SHA256()
    private var count: Int64 = 0
    private var finished: String?

    func update(_ chunk: ByteBuffer) {
        lock.lock()
        defer { lock.unlock() }
        chunk.withUnsafeReadableBytes { hasher.update(bufferPointer: $0) }
        count += Int64(chunk.readableBytes)
    }

    /// Lowercase hex digest and size; finalizes once.
    func finish() -> (sha256: String, size: Int64) {
        lock.lock()
        defer { lock.unlock() }
        if finished == nil {
            finished = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        }
        return (finished!, count)
    }
}

extension ByteStream {
    /// The same stream, feeding every chunk to `digest` on the way; `atEnd` runs
    /// when the source is exhausted and may throw to fail the read.
    func digesting(into digest: StreamDigest, atEnd: @escaping @Sendable () throws -> Void = {}) -> ByteStream {
        let source = self
        return ByteStream {
            let box = DigestingIterator(iterator: source.makeAsyncIterator())
            return {
                if let chunk = try await box.next() {
                    digest.update(chunk)
                    return chunk
                }
                try atEnd()
                return nil
            }
        }
    }
}

private final class DigestingIterator: @unchecked Sendable {
    var iterator: ByteStream.AsyncIterator
    var done = false
    init(iterator: ByteStream.AsyncIterator) { self.iterator = iterator }
    func next() async throws -> ByteBuffer? {
        if done { return nil }
        let chunk = try await iterator.next()
        if chunk == nil { done = true }
        return chunk
    }
}
