import Synchronization
import Crypto
import Foundation
import NIOCore

/// Running SHA-256 and byte count of a stream as it passes through.
final class StreamDigest: Sendable {
    private struct State {
        var hasher = SHA256()
        var count: Int64 = 0
        var finished: String?
    }

    private let state = Mutex(State())

    func update(_ chunk: ByteBuffer) {
        state.withLock { state in
            chunk.withUnsafeReadableBytes { state.hasher.update(bufferPointer: $0) }
            state.count += Int64(chunk.readableBytes)
        }
    }

    /// Lowercase hex digest and size; finalizes once.
    func finish() -> (sha256: String, size: Int64) {
        state.withLock { state in
            let digest = state.finished ?? state.hasher.finalize().map { String(format: "%02x", $0) }.joined()
            state.finished = digest
            return (digest, state.count)
        }
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
