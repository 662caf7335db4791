import Crypto
import Foundation

/// How definitions are captured. Secret data is left out by default; with a
/// sealing key it is kept encrypted (AES-256-GCM), so the backup alone does not
/// reveal it.
public struct DefinitionOptions: Sendable {
    public var sealingKey: SymmetricKey?

    public init(sealingKey: SymmetricKey? = nil) { self.sealingKey = sealingKey }

    public enum KeyError: Error, Sendable, CustomStringConvertible {
        case unreadable(path: String, reason: String)
        case tooShort(path: String, bytes: Int)

        public var description: String {
            switch self {
            case .unreadable(let path, let reason):
                return "cannot read the secrets key file \(path): \(reason)"
            case .tooShort(let path, let bytes):
                return "the secrets key file \(path) holds \(bytes) bytes: give at least 16 random bytes "
                    + "(e.g. `head -c 32 /dev/urandom > key`)"
            }
        }
    }

    /// The key of a key file: any secret bytes (at least 16; one trailing newline
    /// dropped), stretched to an AES-256 key with HKDF-SHA256. The same file opens
    /// the Secrets again at restore.
    public static func key(fromFile path: String) throws -> SymmetricKey {
        var data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw KeyError.unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        if data.last == UInt8(ascii: "\n") { data.removeLast() }
        guard data.count >= 16 else { throw KeyError.tooShort(path: path, bytes: data.count) }
        return key(from: data)
    }

    public static func key(from material: Data) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: material), salt: Data("blueprint definitions".utf8),
                               info: Data("secret data v1".utf8), outputByteCount: 32)
    }
}
