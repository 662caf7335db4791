import Foundation

/// Reads a pack written by ``PackWriter``: its entries from the trailer, and
/// each blob, checked three ways (GCM authentication, the decompressed length,
/// and the id recomputed from the plaintext).
public struct PackReader: Sendable {
    public let name: String
    private let keys: RepositoryKeys
    private let cipher: BlobCipher

    public init(keys: RepositoryKeys, name: String) {
        self.name = name
        self.keys = keys
        cipher = BlobCipher(keys: keys, pack: name)
    }

    /// The entries of a whole pack, from its trailer.
    public func entries(of pack: [UInt8]) throws(PackError) -> [PackEntry] {
        guard pack.count >= 4 else { throw .truncated(pack: name) }
        let length = Int(pack[(pack.count - 4)...].reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
        guard length <= pack.count - 4 else { throw .truncated(pack: name) }
        let sealed = Array(pack[(pack.count - 4 - length)..<(pack.count - 4)])
        let plaintext: [UInt8]
        do { plaintext = try cipher.open(sealed) } catch {
            throw .badTrailer(pack: name, reason: "it fails its authentication check (a wrong key, or the pack was altered or cut)")
        }
        let trailer: PackLayout.Trailer
        do { trailer = try JSONDecoder().decode(PackLayout.Trailer.self, from: Data(plaintext)) } catch {
            throw .badTrailer(pack: name, reason: "it is not a list of entries")
        }
        guard trailer.version == PackLayout.trailerVersion else {
            throw .badTrailer(pack: name, reason: "version \(trailer.version) is not one this engine reads")
        }
        let end = pack.count - 4 - length
        for entry in trailer.entries where entry.offset < 0 || entry.length < 0 || entry.offset + entry.length > end {
            throw .badTrailer(pack: name, reason: "blob \(entry.id) lies outside the pack")
        }
        return trailer.entries
    }

    /// One blob's plaintext; `sealed` is the entry's bytes (a ranged GET of the pack).
    public func blob(_ entry: PackEntry, sealed: some Collection<UInt8>) throws(PackError) -> [UInt8] {
        let compressed: [UInt8]
        do { compressed = try cipher.open(Array(sealed)) } catch {
            throw .blobCorrupt(pack: name, blob: entry.id, reason: "it fails its authentication check")
        }
        let plaintext: [UInt8]
        do { plaintext = try Zstd.decompress(compressed, limit: entry.plaintextLength) } catch {
            throw .blobCorrupt(pack: name, blob: entry.id, reason: error.description)
        }
        guard plaintext.count == entry.plaintextLength, keys.blobID(plaintext) == entry.id else {
            throw .blobCorrupt(pack: name, blob: entry.id, reason: "its content does not match its id")
        }
        return plaintext
    }

    /// One blob, read out of a whole pack.
    public func blob(_ entry: PackEntry, in pack: [UInt8]) throws(PackError) -> [UInt8] {
        guard entry.offset >= 0, entry.offset + entry.length <= pack.count else { throw .truncated(pack: name) }
        return try blob(entry, sealed: pack[entry.offset..<(entry.offset + entry.length)])
    }
}
