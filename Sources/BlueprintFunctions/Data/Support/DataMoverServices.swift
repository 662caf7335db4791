import BlueprintEngine
import Crypto
import DataRepository
import Foundation
import KubeClient
import ObjectStore

/// What the data functions need from the program: the profile's object store
/// (its bucket, to read Kanister's `backupArtifactPrefix`, which starts with
/// it), and where a generated encryption key is kept without a cluster.
public struct DataMoverServices: Sendable {
    public var store: any ObjectStore
    /// The profile's bucket; a prefix starting with `bucket/` is read below it.
    public var bucket: String?
    /// Where generated keys are kept when there is no cluster (`<state>/data-keys/`).
    public var stateDirectory: URL?
    /// Key derivation cost (log2 of scrypt's N); tests lower it.
    public var keyDerivationCost: Int

    public init(store: any ObjectStore, bucket: String?, stateDirectory: URL?, keyDerivationCost: Int = KeyFile.standardLogN) {
        self.store = store
        self.bucket = bucket
        self.stateDirectory = stateDirectory
        self.keyDerivationCost = keyDerivationCost
    }

    /// The key prefix in the store for Kanister's `backupArtifactPrefix`, which
    /// may start with the bucket's name (the bucket is removed).
    public func repositoryPrefix(_ raw: String) -> String {
        var prefix = raw
        while prefix.hasPrefix("/") { prefix.removeFirst() }
        if let bucket, !bucket.isEmpty {
            if prefix == bucket { prefix = "" } else if prefix.hasPrefix(bucket + "/") { prefix.removeFirst(bucket.count + 1) }
        }
        while prefix.hasSuffix("/") { prefix.removeLast() }
        return prefix
    }

    /// The name of the Secret (or state-directory file) keeping the key generated
    /// for the repository at `prefix` (as ``repositoryPrefix(_:)`` gives it).
    public func generatedKeyName(prefix: String) -> String {
        "blueprint-data-key-" + Hex.string(SHA256.hash(data: Data((bucket ?? "").utf8 + [0] + Data(prefix.utf8))).prefix(8))
    }

    /// The file keeping a generated key when there is no cluster.
    public func generatedKeyFile(prefix: String) -> URL? {
        stateDirectory?.appendingPathComponent("data-keys").appendingPathComponent(generatedKeyName(prefix: prefix))
    }
}

/// Why a data function failed, with what to do about it.
public enum DataMoverError: Error, Sendable, CustomStringConvertible, ClassifiedError {
    case noStore(function: String)
    case invalidArgument(function: String, argument: String, reason: String)
    case noTar(function: String, pod: String, detail: String)
    case podCommandFailed(function: String, pod: String, command: String, exitCode: Int, stderr: String)
    case keyUnavailable(function: String, reason: String)

    public var description: String {
        switch self {
        case .noStore(let function):
            return "\(function) needs a profile (an object store) to keep its data repository: give --profile or set a default profile"
        case .invalidArgument(let function, let argument, let reason):
            return "\(function): argument \(argument): \(reason)"
        case .noTar(let function, let pod, let detail):
            return "\(function): the container of pod \(pod) has no tar (\(detail)); "
                + "back the volume up with CopyVolumeData, which mounts it in a helper pod, or use an image with tar"
        case .podCommandFailed(let function, let pod, let command, let exitCode, let stderr):
            return "\(function): \(command) in pod \(pod) exited with code \(exitCode)" + (stderr.isEmpty ? "" : ": \(stderr)")
        case .keyUnavailable(let function, let reason):
            return "\(function): the repository's generated encryption key cannot be read or kept: \(reason)"
        }
    }

    public var isTransient: Bool { false }
}

extension FunctionContext {
    func dataMover(for function: String) throws(DataMoverError) -> DataMoverServices {
        guard let services = services[DataMoverServices.self] else { throw .noStore(function: function) }
        return services
    }
}
