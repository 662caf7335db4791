import NIOCore
import ObjectStore

/// Where functions store the data they produce (dumps, archives).
///
/// Bytes travel as `ByteBuffer`s, pulled one at a time: a producer (a pipe, an
/// exec's stdout) hands its buffers on without copying, and a slow store slows
/// the producer instead of buffering.
///
/// A seam, not a storage implementation: the object store (filesystem or S3 with
/// checksummed manifests) is adapted to it, so the engine does not depend on a
/// particular backend. An implementation must record an artifact only after every
/// byte is stored (DESIGN.md promise 2).
public protocol ArtifactSink: Sendable {
    func store<Bytes: AsyncSequence & Sendable>(name: String, data: Bytes) async throws -> StoredArtifact
        where Bytes.Element == ByteBuffer
    func open(_ artifact: StoredArtifact) async throws -> ByteStream
    /// Whether ``store(name:data:)`` computes each artifact's SHA-256
    /// (``StoredArtifact/checksum``), so producers need not hash the bytes again.
    var computesChecksums: Bool { get }
}

extension ArtifactSink {
    public var computesChecksums: Bool { false }
}

/// An artifact a sink holds: enough to find and verify it again.
public struct StoredArtifact: Sendable, Hashable, Codable {
    public var name: String
    /// Where the sink put it (a path, an `s3://` URL).
    public var location: String
    public var size: Int64
    /// Hex SHA-256 when the sink computes one.
    public var checksum: String?

    public init(name: String, location: String, size: Int64, checksum: String? = nil) {
        self.name = name
        self.location = location
        self.size = size
        self.checksum = checksum
    }
}
