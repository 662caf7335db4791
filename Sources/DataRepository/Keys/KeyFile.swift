import _CryptoExtras
import Crypto
import Foundation

/// The repository's keys as stored in the repository (`keys/<id>.json`):
/// sealed with AES-256-GCM under a key derived from the user's encryption key
/// by scrypt. The encryption key itself is never stored; a wrong one fails the
/// GCM check and is reported as such, without touching anything.
public struct KeyFile: Sendable, Codable, Equatable {
    /// The format of this file; a reader refuses versions it does not know.
    public var version: Int
    public var kdf: String
    /// scrypt's cost: N (log2), r and p.
    public var logN: Int
    public var r: Int
    public var p: Int
    public var salt: Data
    /// nonce ‖ ciphertext ‖ tag of the 64 key bytes.
    public var sealed: Data

    public static let currentVersion = 1
    /// scrypt with N = 2^15, r = 8, p = 1: 32 MiB and a fraction of a second per unlock.
    public static let standardLogN = 15

    public enum KeyFileError: Error, Sendable, Equatable, CustomStringConvertible {
        case wrongKey
        case unsupported(version: Int, kdf: String)
        case corrupt(String)
        case emptyKey

        public var description: String {
            switch self {
            case .wrongKey:
                return "the encryption key does not open this repository (nothing was changed): "
                    + "check encryptionKey, or the Secret or file it comes from"
            case .unsupported(let version, let kdf):
                return "the repository's key file has version \(version) and key derivation \(kdf); "
                    + "this engine reads version \(KeyFile.currentVersion) with scrypt: upgrade the engine"
            case .corrupt(let reason): return "the repository's key file is corrupt: \(reason)"
            case .emptyKey: return "the encryption key is empty: give a passphrase, a file or a Secret"
            }
        }
    }

    /// Seals `keys` under `encryptionKey`.
    public static func seal(_ keys: RepositoryKeys, encryptionKey: String, logN: Int = standardLogN) throws -> KeyFile {
        guard !encryptionKey.isEmpty else { throw KeyFileError.emptyKey }
        let salt = Data((0..<32).map { _ in UInt8.random(in: 0...255) })
        let wrapping = try derive(encryptionKey, salt: salt, logN: logN, r: 8, p: 1)
        let box = try AES.GCM.seal(keys.bytes, using: wrapping)
        guard let combined = box.combined else { throw KeyFileError.corrupt("AES-GCM gave no combined form") }
        return KeyFile(version: currentVersion, kdf: "scrypt", logN: logN, r: 8, p: 1, salt: salt, sealed: combined)
    }

    /// The keys, when `encryptionKey` is the one the file was sealed with.
    public func open(encryptionKey: String) throws -> RepositoryKeys {
        guard version == Self.currentVersion, kdf == "scrypt" else { throw KeyFileError.unsupported(version: version, kdf: kdf) }
        guard (10...22).contains(logN), (1...32).contains(r), (1...16).contains(p), salt.count >= 16 else {
            throw KeyFileError.corrupt("scrypt parameters out of range (log2 N \(logN), r \(r), p \(p))")
        }
        let wrapping = try Self.derive(encryptionKey, salt: salt, logN: logN, r: r, p: p)
        let box: AES.GCM.SealedBox
        do { box = try AES.GCM.SealedBox(combined: sealed) } catch { throw KeyFileError.corrupt("the sealed keys are malformed") }
        let bytes: Data
        do { bytes = try AES.GCM.open(box, using: wrapping) } catch { throw KeyFileError.wrongKey }
        guard let keys = RepositoryKeys(bytes: Array(bytes)) else { throw KeyFileError.corrupt("the keys have the wrong length") }
        return keys
    }

    static func derive(_ encryptionKey: String, salt: Data, logN: Int, r: Int, p: Int) throws -> SymmetricKey {
        try KDF.Scrypt.deriveKey(from: Array(encryptionKey.utf8), salt: salt, outputByteCount: 32,
                                 rounds: 1 << logN, blockSize: r, parallelism: p, maxMemory: 256 << 20)
    }
}
