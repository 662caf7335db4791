import BlueprintEngine
import Crypto
import DataRepository
import Foundation
import KubeClient
import ObjectStore

/// Opens the data repository a data function names: Kanister's
/// `backupArtifactPrefix` (which starts with the profile's bucket) in the
/// profile's store, under the `encryptionKey` argument or, when that is
/// omitted, under the key generated on first use and kept in a Secret
/// (`blueprint-data-key-<hash>` in the function's namespace) or, without a
/// cluster, in the state directory. The key is never Kanister's public
/// default, and never on a command line.
struct RepositoryAccess: Sendable {
    let function: String
    let services: DataMoverServices
    /// The key prefix in the store (the bucket removed).
    let prefix: String
    /// Where a generated key is kept (a Secret's namespace), when a cluster is there.
    let namespace: String?
    let kube: KubeServices?

    init(function: String, prefix rawPrefix: String, namespace: String?, context: FunctionContext) throws {
        self.function = function
        services = try context.dataMover(for: function)
        kube = context.services[KubeServices.self]
        self.namespace = namespace
        let prefix = services.repositoryPrefix(rawPrefix)
        guard !prefix.split(separator: "/").contains(where: { $0 == "." || $0 == ".." }) else {
            throw DataMoverError.invalidArgument(function: function, argument: "backupArtifactPrefix",
                                                 reason: "\"\(rawPrefix)\" has a . or .. segment")
        }
        self.prefix = prefix
    }

    /// Where the key generated for this repository is (or would be) kept, for outputs and messages.
    var generatedKeyLocation: String {
        if let namespace, kube != nil { return "secret \(namespace)/\(secretName)" }
        return keyFile?.path ?? "(nowhere: no cluster and no state directory)"
    }

    private var secretName: String { services.generatedKeyName(prefix: prefix) }

    private var keyFile: URL? { services.generatedKeyFile(prefix: prefix) }

    /// Opens the repository; `create` (backups) makes it, and its key, on first use.
    /// Returns where a generated key is kept (nil when the key was given).
    func open(encryptionKey given: String?, create: Bool) async throws -> (Repository, generatedKey: String?) {
        if let given, !given.isEmpty {
            if create {
                let (repository, _) = try await openOrCreate(key: given)
                return (repository, nil)
            }
            return (try await Repository.open(store: services.store, prefix: prefix, encryptionKey: given), nil)
        }
        if let stored = try await storedKey() {
            return (create ? try await openOrCreate(key: stored).0 : try await Repository.open(store: services.store, prefix: prefix, encryptionKey: stored),
                    generatedKeyLocation)
        }
        guard create else {
            throw DataMoverError.keyUnavailable(function: function, reason: "no encryptionKey was given and no key was generated for \(prefix.isEmpty ? "the bucket's root" : prefix) (looked in \(generatedKeyLocation)); give encryptionKey")
        }
        if try await Repository.exists(store: services.store, prefix: prefix) {
            throw DataMoverError.keyUnavailable(function: function, reason: "a repository exists at \(prefix) but its key is not in \(generatedKeyLocation); give encryptionKey")
        }
        let key = Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        let kept = try await keep(key)
        return (try await openOrCreate(key: kept).0, generatedKeyLocation)
    }

    private func openOrCreate(key: String) async throws -> (Repository, Bool) {
        do {
            return (try await Repository.open(store: services.store, prefix: prefix, encryptionKey: key), false)
        } catch RepositoryError.notFound {
            return (try await Repository.create(store: services.store, prefix: prefix, encryptionKey: key,
                                                keyDerivationCost: services.keyDerivationCost), true)
        }
    }

    private func storedKey() async throws -> String? {
        if let namespace, let kube {
            do {
                let secret = try await kube.client.get(.secrets, name: secretName, namespace: namespace)
                guard let encoded = secret.json.value(at: "data.encryptionKey")?.stringValue,
                      let decoded = Data(base64Encoded: encoded) else {
                    throw DataMoverError.keyUnavailable(function: function, reason: "secret \(namespace)/\(secretName) has no data.encryptionKey")
                }
                return String(decoding: decoded, as: UTF8.self)
            } catch let error as KubeError where error.isNotFound {
                return nil
            }
        }
        guard let keyFile else { return nil }
        return (try? String(contentsOf: keyFile, encoding: .utf8)).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    /// Keeps a new key; when another run kept one first, that one wins (returned).
    private func keep(_ key: String) async throws -> String {
        if let namespace, let kube {
            let secret: JSONValue = [
                "apiVersion": "v1", "kind": "Secret", "type": "Opaque",
                "metadata": ["name": .string(secretName), "namespace": .string(namespace),
                             "labels": ["createdBy": "blueprint"],
                             "annotations": ["blueprint.dev/data-repository": .string(prefix)]],
                "data": ["encryptionKey": .string(Data(key.utf8).base64EncodedString())],
            ]
            do {
                _ = try await kube.client.create(.secrets, KubeObject(secret), namespace: namespace)
                return key
            } catch let error as KubeError where error.isAlreadyExists {
                return try await storedKey() ?? key
            }
        }
        guard let keyFile else {
            throw DataMoverError.keyUnavailable(function: function, reason: "no encryptionKey was given, there is no cluster to keep a generated key in, and no state directory")
        }
        try FileManager.default.createDirectory(at: keyFile.deletingLastPathComponent(), withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        if let existing = try await storedKey() { return existing }
        guard FileManager.default.createFile(atPath: keyFile.path, contents: Data((key + "\n").utf8), attributes: [.posixPermissions: 0o600]) else {
            throw DataMoverError.keyUnavailable(function: function, reason: "cannot write \(keyFile.path)")
        }
        return key
    }
}
