import BlueprintEngine
import Crypto
import Foundation
import KubeClient

/// The `definitions.json` artifact of an application backup: the app's objects,
/// cleaned, in restore order; Secret data either left out (their names listed)
/// or sealed per Secret with AES-256-GCM (the Secret's kind and name are the
/// authenticated data, so a sealed box cannot be moved to another Secret).
public struct DefinitionsDocument: Sendable, Codable, Equatable {
    public static let currentFormat = 1

    public var format: Int
    public var app: String
    public var namespace: String
    public var objects: [JSONValue]
    /// Secret name → base64 of the AES-GCM box (nonce, ciphertext, tag) of its `data` as JSON.
    public var sealedSecretData: [String: String]
    /// Secrets captured without their data.
    public var secretDataOmitted: [String]

    public init(app: String, namespace: String, objects: [JSONValue], sealedSecretData: [String: String] = [:],
                secretDataOmitted: [String] = []) {
        self.format = Self.currentFormat
        self.app = app
        self.namespace = namespace
        self.objects = objects
        self.sealedSecretData = sealedSecretData
        self.secretDataOmitted = secretDataOmitted
    }

    public func encoded() throws -> Data { try RunStore.json(self) }

    public static func decode(_ data: Data) throws -> DefinitionsDocument {
        try JSONDecoder().decode(DefinitionsDocument.self, from: data)
    }

    public enum SealError: Error, Sendable, CustomStringConvertible {
        case cannotOpen(secret: String)
        case noKey(secrets: [String])

        public var description: String {
            switch self {
            case .cannotOpen(let secret):
                return "the sealed data of Secret \(secret) does not open with this key: give the key file the backup was made with"
            case .noKey(let secrets):
                return "Secrets \(secrets.joined(separator: ", ")) were backed up encrypted: give --secrets-key-file with the key "
                    + "the backup was made with"
            }
        }
    }

    static func seal(_ data: JSONValue, secret: String, key: SymmetricKey) throws -> String {
        let box = try AES.GCM.seal(try data.jsonData(), using: key, authenticating: Data("Secret/\(secret)".utf8))
        return box.combined!.base64EncodedString()
    }

    /// The `data` of a sealed Secret.
    public func openSecretData(_ secret: String, key: SymmetricKey) throws -> JSONValue? {
        guard let sealed = sealedSecretData[secret] else { return nil }
        do {
            let box = try AES.GCM.SealedBox(combined: Data(base64Encoded: sealed) ?? Data())
            return try JSONValue(parsing: AES.GCM.open(box, using: key, authenticating: Data("Secret/\(secret)".utf8)))
        } catch {
            throw SealError.cannotOpen(secret: secret)
        }
    }
}
