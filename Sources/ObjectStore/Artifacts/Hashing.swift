import Synchronization
import Crypto
import Foundation
import NIOCore

/// Running SHA-256 and byte count of a stream as it passes through: the one
/// digest type (artifact writes and reads here, dumps and restores in the data
/// services), so a size and checksum are known without a second read.
public final class StreamDigest: Sendable {
    /// Off when someone downstream hashes anyway (a checksumming artifact sink):
    /// one SHA-256 pass over a stream is enough; the digest is then "".
    public let hashing: Bool

    private struct State {
        var hasher = SHA256()
        var count: Int64 = 0
        var finished: String?
    }

    private let state = Mutex(State())

    public init(hashing: Bool = true) { self.hashing = hashing }

    public func update(_ chunk: ByteBuffer) {
        state.withLock { state in
            if hashing { chunk.withUnsafeReadableBytes { state.hasher.update(bufferPointer: $0) } }
            state.count += Int64(chunk.readableBytes)
        }
    }

    /// Lowercase hex digest and size; finalizes once.
    @discardableResult
    public func finish() -> (sha256: String, size: Int64) {
        state.withLock { state in
            let digest = state.finished ?? (hashing ? Hex.string(state.hasher.finalize()) : "")
            state.finished = digest
            return (digest, state.count)
        }
    }

    public var isFinished: Bool { state.withLock { $0.finished != nil } }
    public var bytes: Int64 { state.withLock { $0.count } }
    /// The hex digest; nil until ``finish()``.
    public var sha256: String? { state.withLock { $0.finished } }
}

/// Lowercase hexadecimal, the one encoder for digests and signatures.
public enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    public static func string<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
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
