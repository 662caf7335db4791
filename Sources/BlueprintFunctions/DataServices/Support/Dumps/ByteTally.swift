import Crypto
import NIOCore
import Synchronization

/// Counts and hashes bytes as they pass, so a dump's size and SHA-256 are known
/// without a second read or a temporary file.
final class ByteTally: Sendable {
    /// Off when someone downstream hashes anyway (a checksumming artifact sink):
    /// one SHA-256 pass over a dump is enough. ``sha256`` is then empty.
    let hashing: Bool

    init(hashing: Bool = true) { self.hashing = hashing }

    private struct State {
        var hasher = SHA256()
        var bytes: Int64 = 0
        var finished = false
        var digest: String?
    }

    private let state = Mutex(State())

    func add(_ buffer: ByteBuffer) {
        state.withLock { state in
            if hashing { buffer.withUnsafeReadableBytes { state.hasher.update(bufferPointer: $0) } }
            state.bytes += Int64(buffer.readableBytes)
        }
    }

    func finish() {
        state.withLock { state in
            guard !state.finished else { return }
            state.finished = true
            state.digest = !hashing ? "" : state.hasher.finalize().map { byte in
                let hex = String(byte, radix: 16)
                return byte < 16 ? "0" + hex : hex
            }.joined()
        }
    }

    var finished: Bool { state.withLock { $0.finished } }
    var bytes: Int64 { state.withLock { $0.bytes } }
    /// Hex SHA-256 of everything added; nil until ``finish()``.
    var sha256: String? { state.withLock { $0.digest } }
}

/// Size and checksum of the bytes a dump produced or a restore consumed: the
/// `bytes` and `sha256` outputs.
public struct TransferSummary: Sendable, Hashable, Codable {
    public var bytes: Int64
    public var sha256: String

    public var values: [String: String] { ["bytes": String(bytes), "sha256": sha256] }
}
