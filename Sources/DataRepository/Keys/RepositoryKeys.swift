import Crypto
import Foundation
import ObjectStore

/// The secrets of one repository, made at random when it is created and never
/// stored in the clear:
/// - `encryption` seals every blob (through a per-pack subkey, ``BlobCipher``);
/// - `identity` keys the blob ids and the chunker, so that neither ids nor chunk
///   boundaries let someone with bucket access test whether a known file is present.
public struct RepositoryKeys: Sendable {
    public let encryption: SymmetricKey
    public let identity: SymmetricKey

    public init(encryption: SymmetricKey, identity: SymmetricKey) {
        self.encryption = encryption
        self.identity = identity
    }

    public static func random() -> RepositoryKeys {
        RepositoryKeys(encryption: SymmetricKey(size: .bits256), identity: SymmetricKey(size: .bits256))
    }

    /// A blob's id: HMAC-SHA256 of its plaintext under the identity key, in hex.
    public func blobID(_ plaintext: some DataProtocol) -> String {
        Hex.string(HMAC<SHA256>.authenticationCode(for: plaintext, using: identity))
    }

    /// How this repository cuts file data (its gear table comes from the identity key).
    public var chunker: ChunkerParameters { .standard(key: identity) }

    var bytes: [UInt8] {
        encryption.withUnsafeBytes { Array($0) } + identity.withUnsafeBytes { Array($0) }
    }

    init?(bytes: [UInt8]) {
        guard bytes.count == 64 else { return nil }
        self.init(encryption: SymmetricKey(data: bytes[0..<32]), identity: SymmetricKey(data: bytes[32..<64]))
    }
}
