/// What `--dry-run` prints: each phase with its rendered arguments, in the order
/// the phases would start.
public struct DryRunPlan: Sendable, Encodable {
    public struct Step: Sendable, Encodable {
        public var phase: String
        public var function: String
        public var isDeferPhase: Bool
        public var dependsOn: [String]
        public var retryAttempts: Int?
        public var timeout: String?
        public var arguments: [String: ArgumentValue]?
        public var error: String?
        /// False when the error comes from an earlier phase's output, which a dry
        /// run only has as a placeholder: the real run may well succeed there.
        public var errorBlocksRun = true

        enum CodingKeys: String, CodingKey {
            case phase, function, isDeferPhase, dependsOn, retryAttempts, timeout, arguments, error
        }
    }

    struct RenderFailure: Sendable {
        var error: RenderError
        /// The template reads `.Phases` / `.DeferPhase`, which only a real run has.
        var dependsOnOutputs: Bool
    }

    public var blueprint: String
    public var action: String
    public var target: String
    /// True when the action is a `dependsOn` graph (independent phases run in parallel).
    public var parallel: Bool
    public var steps: [Step]
    public var outputArtifacts: [String: ArtifactRecord]
    var renderErrors: [RenderFailure]

    enum CodingKeys: String, CodingKey {
        case blueprint, action, target, parallel, steps, outputArtifacts
    }
}
