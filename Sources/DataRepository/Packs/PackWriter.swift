import Foundation
import ObjectStore

/// Builds one pack in memory: each blob is compressed (zstd), then sealed
/// under the pack's subkey; ``finish()`` appends the sealed trailer. A pack is
/// closed by its writer's caller at 16–32 MiB (``targetSize``).
public struct PackWriter: Sendable {
    public static let targetSize = 16 << 20

    public let name: String
    private let keys: RepositoryKeys
    private let cipher: BlobCipher
    private var bytes: [UInt8] = []
    public private(set) var entries: [PackEntry] = []
    /// The ids in `entries`, for the per-blob membership test.
    private var ids: Set<String> = []

    /// `name` is random: the pack's subkey is derived from it before its content exists.
    public init(keys: RepositoryKeys, name: String = PackWriter.randomName()) {
        self.name = name
        self.keys = keys
        cipher = BlobCipher(keys: keys, pack: name)
    }

    public static func randomName() -> String {
        Hex.string((0..<16).map { _ in UInt8.random(in: 0...255) })
    }

    public var size: Int { bytes.count }

    public func contains(_ id: String) -> Bool { ids.contains(id) }

    /// Adds a blob unless the pack already holds it; returns its id.
    @discardableResult
    public mutating func add(_ plaintext: [UInt8], kind: PackEntry.Kind) throws -> String {
        let id = keys.blobID(plaintext)
        if ids.contains(id) { return id }
        let sealed = try cipher.seal(try Zstd.compress(plaintext))
        ids.insert(id)
        entries.append(PackEntry(id: id, kind: kind, offset: bytes.count, length: sealed.count, plaintextLength: plaintext.count))
        bytes += sealed
        return id
    }

    /// The whole pack, trailer included.
    public func finish() throws -> [UInt8] {
        let trailer = try cipher.seal(Array(JSONEncoder().encode(PackLayout.Trailer(version: PackLayout.trailerVersion, entries: entries))))
        var length = UInt32(trailer.count).bigEndian
        return bytes + trailer + withUnsafeBytes(of: &length) { Array($0) }
    }
}
