import Foundation

/// Why a repository operation failed: each says what, where, and what to do.
public enum RepositoryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No repository at the location (nothing written there yet).
    case notFound(location: String)
    /// The location holds a repository of a format this engine cannot read.
    case unsupported(location: String, reason: String)
    /// The encryption key opens none of the repository's key files; nothing was changed.
    case wrongKey(location: String)
    case corrupt(location: String, object: String, reason: String)
    case snapshotNotFound(location: String, reference: String)
    /// The tar stream from the source ended early or is not a tar stream; no snapshot was recorded.
    case badStream(source: String, reason: String)
    case pathNotFound(snapshot: String, path: String)
    /// Data a snapshot needs is missing or corrupt: the files affected are named.
    case damaged(location: String, problems: [String])

    public var description: String {
        switch self {
        case .notFound(let location):
            return "no data repository at \(location): nothing was backed up there (check backupArtifactPrefix and the profile)"
        case .unsupported(let location, let reason):
            return "the data repository at \(location) cannot be read by this engine: \(reason)"
        case .wrongKey(let location):
            return "the encryption key does not open the data repository at \(location) (nothing was changed): "
                + "check encryptionKey, or the Secret or file it comes from"
        case .corrupt(let location, let object, let reason):
            return "\(object) in the data repository at \(location) is corrupt: \(reason)"
        case .snapshotNotFound(let location, let reference):
            return "no snapshot \(reference) in the data repository at \(location): list them with `blueprint repo snapshots`"
        case .badStream(let source, let reason):
            return "the backup of \(source) failed and recorded nothing: \(reason)"
        case .pathNotFound(let snapshot, let path):
            return "snapshot \(snapshot) holds no \(path): list its paths with `blueprint repo snapshots`"
        case .damaged(let location, let problems):
            return "the data repository at \(location) is damaged:\n" + problems.map { "  - " + $0 }.joined(separator: "\n")
        }
    }
}
