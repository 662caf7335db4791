import BlueprintFunctions
import BlueprintEngine

/// Options for one component of a many-workload app, where `--option port=5432`
/// would reach PostgreSQL and MariaDB alike.
///
/// - `--option NAME:key=value` (NAME: the component's workload name) sets
///   `.Options.key` for that component only, and wins over `--option key=value`;
/// - the workload's annotation `blueprint.dev/option.KEY: value` sets a default
///   that any `--option` overrides, so the app carries its own settings.
public struct ComponentOptions: Sendable, Equatable {
    public static let annotationPrefix = "blueprint.dev/option."

    /// `--option` values without a component.
    public var global: [String]
    /// Workload name → key → value.
    public var scoped: [String: [String: String]]
    /// As written, for error messages.
    var written: [String: String]

    /// Splits `--option` values: `NAME:key=value` is scoped when NAME has no `=`
    /// and key is not empty (so `host=a:b` stays global).
    public init(_ options: [String]) throws {
        global = []
        scoped = [:]
        written = [:]
        for option in options {
            guard let equals = option.firstIndex(of: "=") else { global.append(option); continue }
            let key = option[..<equals]
            guard let colon = key.firstIndex(of: ":") else { global.append(option); continue }
            let component = String(key[..<colon]), name = String(key[key.index(after: colon)...])
            guard !component.isEmpty, !name.isEmpty else { throw ApplicationError.badComponentOption(option) }
            scoped[component, default: [:]][name] = String(option[option.index(after: equals)...])
            written[component] = option
        }
    }

    /// Refuses options naming a workload the app does not have.
    public func check(components: [String]) throws {
        for component in scoped.keys.sorted() where !components.contains(component) {
            throw ApplicationError.unknownComponentOption(option: written[component] ?? component, component: component,
                                                          components: components)
        }
    }

    /// The options of one workload: its annotations, then the global options
    /// (already in `target.options`), then its own `NAME:` options.
    public func apply(to target: inout LocalTarget, workload: DiscoveredWorkload, annotations: [String: String]) {
        for (key, value) in annotations where key.hasPrefix(Self.annotationPrefix) {
            let option = String(key.dropFirst(Self.annotationPrefix.count))
            if !option.isEmpty, !target.commandLineOptions.contains(option), target.secretOptions[option] == nil {
                target.options[option] = value
            }
        }
        for (key, value) in scoped[workload.name] ?? [:] {
            target.options[key] = value
            target.commandLineOptions.insert(key)
        }
    }
}
