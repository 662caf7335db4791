/// Where one run's objects live: `<prefix>/<app>/<action>/<run>/<name>`.
public struct RunLocation: Sendable, Hashable, Codable {
    public var app: String
    public var action: String
    public var run: String

    public init(app: String, action: String, run: String) throws {
        try Self.validate(field: "app", app)
        try Self.validate(field: "action", action)
        try Self.validate(field: "run id", run)
        self.app = app
        self.action = action
        self.run = run
    }

    init(unchecked app: String, action: String, run: String) {
        self.app = app
        self.action = action
        self.run = run
    }

    /// The folder of the run, with a trailing slash.
    public func folder(prefix: String) -> String {
        (prefix.isEmpty ? "" : prefix + "/") + "\(app)/\(action)/\(run)/"
    }

    public func key(prefix: String, name: String) -> String { folder(prefix: prefix) + name }

    public func manifestKey(prefix: String) -> String { key(prefix: prefix, name: ArtifactManifest.fileName) }

    /// One path segment: no slash, not `.`/`..`, not empty.
    static func validate(field: String, _ value: String) throws {
        if value.isEmpty { throw ArtifactError.invalidName(field: field, value: value, reason: "it is empty") }
        if value.contains("/") {
            throw ArtifactError.invalidName(field: field, value: value, reason: "it must not contain \"/\"")
        }
        if value == "." || value == ".." {
            throw ArtifactError.invalidName(field: field, value: value, reason: "\".\" and \"..\" are not allowed")
        }
    }

    /// Artifact names may contain `/` (folders inside a run) but no empty, `.` or
    /// `..` segments, and cannot shadow the manifest.
    static func validate(artifactName name: String) throws {
        if name == ArtifactManifest.fileName {
            throw ArtifactError.invalidName(field: "artifact name", value: name, reason: "the name is reserved for the run's manifest")
        }
        for segment in name.split(separator: "/", omittingEmptySubsequences: false) {
            try validate(field: "artifact name", String(segment))
        }
    }
}
