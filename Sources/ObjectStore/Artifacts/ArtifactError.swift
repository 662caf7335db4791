/// Artifact-level failures, naming the run and the artifact involved.
public enum ArtifactError: Error, CustomStringConvertible, Sendable, Equatable {
    case invalidName(field: String, value: String, reason: String)
    case runNotFound(run: String)
    case ambiguousRun(run: String, locations: [String])
    case artifactNotFound(run: String, name: String)
    case duplicateArtifact(run: String, name: String)
    case alreadyCommitted(run: String)
    case runAlreadyComplete(run: String, manifestKey: String)
    case checksumMismatch(run: String, name: String, key: String, expected: String, actual: String)
    case sizeMismatch(run: String, name: String, key: String, expected: Int64, actual: Int64)
    /// The run exists but its manifest cannot be trusted.
    case corruptRun(run: String, corruption: ManifestCorruption)

    public var description: String {
        switch self {
        case let .invalidName(field, value, reason):
            return "invalid \(field) \"\(value)\": \(reason)"
        case let .runNotFound(run):
            return "no complete run \"\(run)\" (no manifest found)"
        case let .ambiguousRun(run, locations):
            return "run id \"\(run)\" exists in several places: \(locations.joined(separator: ", "))"
        case let .artifactNotFound(run, name):
            return "run \(run) has no artifact named \"\(name)\""
        case let .duplicateArtifact(run, name):
            return "run \(run) already stored an artifact named \"\(name)\""
        case let .alreadyCommitted(run):
            return "run \(run) is already committed; no more artifacts can be added"
        case let .runAlreadyComplete(run, key):
            return "run \(run) is already complete (\(key) exists); use a new run id or delete the run"
        case let .checksumMismatch(run, name, key, expected, actual):
            return "artifact \"\(name)\" of run \(run) is corrupt: \(key) has sha256 \(actual), the manifest says \(expected)"
        case let .sizeMismatch(run, name, key, expected, actual):
            return "artifact \"\(name)\" of run \(run) is corrupt: \(key) has \(actual) bytes, the manifest says \(expected)"
        case let .corruptRun(run, corruption):
            return "run \(run) is corrupt: \(corruption); its artifacts cannot be verified without a manifest. "
                + "`blueprint artifacts delete \(run)` removes the run and all its objects"
        }
    }
}
