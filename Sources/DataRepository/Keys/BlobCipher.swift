import Crypto
import Foundation

/// Seals the blobs of one pack with AES-256-GCM under the pack's own subkey,
/// HKDF-SHA256(encryption key, salt: pack id): a nonce is never reused across
/// packs even at the scale where random 96-bit nonces under one key would
/// start to risk it, and a blob cannot be moved into another pack unnoticed.
public struct BlobCipher: Sendable {
    let key: SymmetricKey

    public enum BlobError: Error, Sendable, Equatable, CustomStringConvertible {
        case authenticationFailed(pack: String)

        public var description: String {
            switch self {
            case .authenticationFailed(let pack):
                return "a blob in pack \(pack) fails its authentication check: the pack is corrupt or was altered"
            }
        }
    }

    let pack: String

    public init(keys: RepositoryKeys, pack: String) {
        self.pack = pack
        key = HKDF<SHA256>.deriveKey(inputKeyMaterial: keys.encryption, salt: Array(pack.utf8),
                                     info: Array("blueprint pack blob".utf8), outputByteCount: 32)
    }

    /// nonce ‖ ciphertext ‖ tag.
    public func seal(_ plaintext: [UInt8]) throws -> [UInt8] {
        Array(try AES.GCM.seal(plaintext, using: key).combined!)
    }

    public func open(_ sealed: [UInt8]) throws(BlobError) -> [UInt8] {
        do {
            return Array(try AES.GCM.open(AES.GCM.SealedBox(combined: sealed), using: key))
        } catch {
            throw .authenticationFailed(pack: pack)
        }
    }
}
