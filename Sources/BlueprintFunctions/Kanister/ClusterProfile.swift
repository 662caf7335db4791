import Foundation
import KubeClient
import ObjectStore

/// Kanister's Profile objects (`cr.kanister.io/v1alpha1`, kind Profile) as the
/// engine's ``Profile``: `location`, `skipSSLVerify`, and the key pair read from
/// the Secret that `credential.keyPair` names — the keys its `idField` and
/// `secretField` give (kanctl writes `aws_access_key_id` and
/// `aws_secret_access_key`).
///
/// The returned profile holds the key pair as literal values; errors name the
/// Profile, the Secret and the key, never a value.
public struct ClusterProfileLoader: Sendable {
    public var client: KubernetesClient

    public init(client: KubernetesClient) {
        self.client = client
    }

    /// The Profile object `namespace/name`, with its key pair resolved.
    public func load(name: String, namespace: String) async throws -> Profile {
        let object: KubeObject
        do {
            object = try await client.get(.profiles, name: name, namespace: namespace)
        } catch let error as KubeError where error.isNotFound {
            throw ClusterProfileError.profileNotFound(name: name, namespace: namespace)
        }
        return try await profile(from: object)
    }

    /// A Profile object already read (or written by hand: `--profile FILE` with a
    /// Profile manifest), its Secret read from the cluster. A Secret reference
    /// without a namespace means the Profile's own.
    public func profile(from object: KubeObject) async throws -> Profile {
        let namespace = object.namespace ?? "default"
        let subject = "Profile \(namespace)/\(object.name ?? "")"
        var profile = try Self.decode(object, subject: subject)
        guard let pair = profile.credential?.keyPair, let reference = pair.secret else { return profile }
        let secretNamespace = (reference.namespace?.isEmpty ?? true) ? namespace : reference.namespace!
        let secret: KubeObject
        do {
            secret = try await client.get(.secrets, name: reference.name, namespace: secretNamespace)
        } catch let error as KubeError where error.isNotFound {
            throw ClusterProfileError.secretNotFound(profile: subject, secret: "\(secretNamespace)/\(reference.name)")
        }
        let data = secret["data"]?.objectValue ?? [:]
        func value(_ field: String, _ key: String?) throws -> String {
            guard let key, !key.isEmpty else {
                throw ClusterProfileError.missingField(profile: subject, field: "credential.keyPair.\(field)")
            }
            guard let encoded = data[key]?.stringValue else {
                throw ClusterProfileError.missingKey(
                    profile: subject, secret: "\(secretNamespace)/\(reference.name)", key: key, field: field,
                    available: data.keys.sorted())
            }
            guard let bytes = Data(base64Encoded: encoded), let text = String(data: bytes, encoding: .utf8) else {
                throw ClusterProfileError.undecodableKey(
                    profile: subject, secret: "\(secretNamespace)/\(reference.name)", key: key)
            }
            return text
        }
        let id = try value("idField", pair.idField)
        let secretKey = try value("secretField", pair.secretField)
        profile.credential?.keyPair = Profile.KeyPairSource(id: id, secretValue: secretKey)
        return profile
    }

    /// The object's fields as a profile; only what this engine can store to is
    /// accepted (`location.type` s3Compliant, `credential.type` keyPair).
    static func decode(_ object: KubeObject, subject: String) throws -> Profile {
        var json = object.json
        json["status"] = nil
        let profile = try ProfileLoader.decode(objectJSON: try json.jsonData(), source: subject)
        guard let credential = profile.credential else {
            if profile.location.type == .s3Compliant {
                throw ClusterProfileError.missingField(profile: subject, field: "credential")
            }
            return profile
        }
        guard credential.type == "keyPair" else {
            throw ClusterProfileError.unsupportedCredential(profile: subject, type: credential.type)
        }
        guard let pair = credential.keyPair else {
            throw ClusterProfileError.missingField(profile: subject, field: "credential.keyPair")
        }
        if pair.secret == nil && pair.idEnv == nil && pair.secretEnv == nil && pair.file == nil && pair.id == nil {
            throw ClusterProfileError.missingField(profile: subject, field: "credential.keyPair.secret")
        }
        return profile
    }
}

/// Why a Profile object could not become a profile: which Profile, which Secret,
/// which key, and what to do; never a credential's value.
public enum ClusterProfileError: Error, CustomStringConvertible, Sendable, Equatable {
    case profileNotFound(name: String, namespace: String)
    case secretNotFound(profile: String, secret: String)
    case missingKey(profile: String, secret: String, key: String, field: String, available: [String])
    case undecodableKey(profile: String, secret: String, key: String)
    case missingField(profile: String, field: String)
    case unsupportedCredential(profile: String, type: String)

    public var description: String {
        switch self {
        case let .profileNotFound(name, namespace):
            return "no Profile \"\(name)\" in namespace \(namespace); list them with `kubectl get profiles.cr.kanister.io -n \(namespace)`"
                + " or create one (deploy/crds/ must be applied)"
        case let .secretNotFound(profile, secret):
            return "\(profile) reads its key pair from Secret \(secret), which does not exist; create it, e.g. "
                + "`kubectl create secret generic \(secret.split(separator: "/").last ?? "") -n \(secret.split(separator: "/").first ?? "")"
                + " --from-literal=aws_access_key_id=… --from-literal=aws_secret_access_key=…`"
        case let .missingKey(profile, secret, key, field, available):
            let has = available.isEmpty ? "it has no keys" : "it has: \(available.joined(separator: ", "))"
            return "Secret \(secret) has no key \"\(key)\" (credential.keyPair.\(field) of \(profile)); \(has). "
                + "Add the key to the Secret or point \(field) at the key that holds it"
        case let .undecodableKey(profile, secret, key):
            return "key \"\(key)\" of Secret \(secret) (used by \(profile)) is not base64 of UTF-8 text"
        case let .missingField(profile, field):
            return "\(profile) has no \(field); a Profile names its Secret with credential.keyPair "
                + "{idField: aws_access_key_id, secretField: aws_secret_access_key, secret: {name: …, namespace: …}}"
        case let .unsupportedCredential(profile, type):
            return "\(profile) has credential.type \"\(type)\"; only keyPair is supported "
                + "(a Secret with the access key id and secret access key, named by credential.keyPair)"
        }
    }
}
