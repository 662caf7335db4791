import Foundation

/// What a pack holds, as its trailer (and later the index) records it.
public struct PackEntry: Sendable, Codable, Hashable {
    public enum Kind: String, Sendable, Codable { case data, tree }

    /// The blob's id: HMAC-SHA256 of its plaintext under the repository's identity key.
    public var id: String
    public var kind: Kind
    /// Where the sealed blob starts in the pack, and its sealed length.
    public var offset: Int
    public var length: Int
    /// The plaintext's length, so a reader can bound decompression.
    public var plaintextLength: Int
}

/// Why a pack cannot be read; each names the pack (and the blob) concerned.
public enum PackError: Error, Sendable, Equatable, CustomStringConvertible {
    case truncated(pack: String)
    case badTrailer(pack: String, reason: String)
    case blobCorrupt(pack: String, blob: String, reason: String)

    public var description: String {
        switch self {
        case .truncated(let pack): return "pack \(pack) is shorter than its trailer says: it is truncated"
        case .badTrailer(let pack, let reason): return "pack \(pack) has an unreadable trailer: \(reason)"
        case .blobCorrupt(let pack, let blob, let reason): return "blob \(blob) in pack \(pack) is corrupt: \(reason)"
        }
    }
}

/// The layout of a pack: the sealed blobs one after another, then the sealed
/// trailer (the list of entries, so the index can be rebuilt from the packs
/// alone), then the trailer's sealed length as 4 bytes big-endian.
enum PackLayout {
    static let trailerVersion = 1

    struct Trailer: Codable {
        var version: Int
        var entries: [PackEntry]
    }
}
