import BlueprintEngine
import ObjectStore

/// What an application run is asked to do; the CLI fills it from its flags, the
/// controller (later) from an application-backup object.
public struct ApplicationRunSettings: Sendable {
    public var app: String
    /// nil: every namespace.
    public var namespace: String?
    public var action: String
    /// Instead of the blueprint each workload's annotation names.
    public var blueprintFile: String?
    /// Where blueprints are searched by `metadata.name` (then Blueprint objects in the cluster).
    public var blueprintsDirectory: String
    /// Options, secret options, profile and its credentials, shared by every component.
    public var base: LocalTarget
    public var componentOptions: ComponentOptions
    /// An application backup (or one run, for every component: the older form).
    public var from: String?
    /// The application's id (else a new one).
    public var id: String?
    public var maxParallelPhases: Int = 4
    public var killGracePeriod: Duration = .seconds(5)
    public var profile: Profile
    /// Unannotated workloads are errors instead of being skipped with a warning.
    public var strict: Bool = false
    /// Capture the app's objects into the application backup.
    public var definitions: DefinitionOptions?
    /// What every component's functions get besides its Kubernetes target (the data mover's store).
    public var services = FunctionServices()

    public init(app: String, namespace: String?, action: String, blueprintFile: String?, blueprintsDirectory: String,
                base: LocalTarget, componentOptions: ComponentOptions, from: String?, profile: Profile) {
        self.app = app
        self.namespace = namespace
        self.action = action
        self.blueprintFile = blueprintFile
        self.blueprintsDirectory = blueprintsDirectory
        self.base = base
        self.componentOptions = componentOptions
        self.from = from
        self.profile = profile
    }
}
