/// Why a run's manifest cannot be trusted: it does not parse, or it describes
/// another run or keys outside its own folder. Such a run is neither complete
/// (nothing it lists can be verified) nor incomplete (a run in progress never
/// has a manifest), so it gets its own state: shown, skipped by prune, and
/// deletable by its folder.
public struct ManifestCorruption: Error, Sendable, Equatable, CustomStringConvertible {
    /// The manifest's key in the store.
    public var key: String
    /// What is wrong, e.g. a JSON error with its line and column.
    public var reason: String

    public init(key: String, reason: String) {
        self.key = key
        self.reason = reason
    }

    public var description: String { "manifest \(key) is corrupt: \(reason)" }
}
