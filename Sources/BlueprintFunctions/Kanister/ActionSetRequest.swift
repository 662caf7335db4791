import Foundation
import KubeClient

/// A request for an ActionSet in kanctl's terms (`kanctl create actionset`):
/// one action per target object; or, with a parent (`--from`), a child that
/// continues a `complete` ActionSet. The rules are kanctl's (pkg/kanctl):
///
/// - a new ActionSet needs an action, a blueprint and at least one object;
/// - a child takes, per action of the parent, the parent's action name, object,
///   blueprint, secrets, config maps and profile, and the parent's **rendered**
///   status artifacts as its input artifacts; options merge (the request's win);
///   a given action, blueprint, secrets, config maps, profile or objects override;
/// - the name is `<action>-<5 random>`, `<action>-<parent>-<5 random>`, or
///   `<parent>-<5 random>` unless one is given.
public struct ActionSetRequest: Sendable, Equatable {
    public var namespace: String
    public var action: String?
    public var name: String?
    public var parent: String?
    public var blueprint: String?
    public var objects: [ActionSet.ObjectReference] = []
    public var options: [String: String] = [:]
    public var secrets: [String: ActionSet.ObjectReference] = [:]
    public var configMaps: [String: ActionSet.ObjectReference] = [:]
    public var profile: ActionSet.ObjectReference?
    public var labels: [String: String] = [:]
    public var podLabels: [String: String] = [:]
    public var podAnnotations: [String: String] = [:]

    public init(namespace: String) {
        self.namespace = namespace
    }

    /// A new ActionSet: one action per object, each with the same blueprint,
    /// secrets, config maps, profile and options.
    public func newActionSet(random: () -> String = ActionSetRequest.randomSuffix) throws -> ActionSet {
        guard let action, !action.isEmpty else { throw ActionSetRequestError.missingAction }
        guard let blueprint, !blueprint.isEmpty else { throw ActionSetRequestError.missingBlueprint }
        guard !objects.isEmpty else { throw ActionSetRequestError.noObjects }
        let actions = objects.map { object in
            ActionSet.Action(
                name: action, object: object, blueprint: blueprint, configMaps: configMaps.nilIfEmpty,
                secrets: secrets.nilIfEmpty, profile: profile, options: options.nilIfEmpty,
                podLabels: podLabels.nilIfEmpty, podAnnotations: podAnnotations.nilIfEmpty)
        }
        return ActionSet(metadata: metadata(random: random), spec: .init(actions: actions))
    }

    /// A child of `parent`, which must be `complete`: it continues each of the
    /// parent's actions (once per requested object when objects are given).
    public func childActionSet(of parent: ActionSet, random: () -> String = ActionSetRequest.randomSuffix) throws -> ActionSet {
        let parentName = parent.metadata.name ?? self.parent ?? ""
        guard let status = parent.status, status.state == .complete else {
            throw ActionSetRequestError.parentNotComplete(name: parentName, state: parent.status?.state?.rawValue)
        }
        let specs = parent.spec?.actions ?? []
        var actions: [ActionSet.Action] = []
        for (index, done) in (status.actions ?? []).enumerated() {
            let spec = index < specs.count ? specs[index] : nil
            var child = ActionSet.Action(
                name: spec?.name ?? done.name, object: done.object, blueprint: done.blueprint,
                artifacts: done.artifacts, configMaps: spec?.configMaps, secrets: spec?.secrets, profile: spec?.profile,
                options: (spec?.options ?? [:]).merging(options) { _, requested in requested }.nilIfEmpty,
                podLabels: podLabels.nilIfEmpty, podAnnotations: podAnnotations.nilIfEmpty)
            if let action, !action.isEmpty { child.name = action }
            if let blueprint, !blueprint.isEmpty { child.blueprint = blueprint }
            if !secrets.isEmpty { child.secrets = secrets }
            if !configMaps.isEmpty { child.configMaps = configMaps }
            if let profile { child.profile = profile }
            if objects.isEmpty {
                actions.append(child)
            } else {
                for object in objects {
                    child.object = object
                    actions.append(child)
                }
            }
        }
        guard !actions.isEmpty else { throw ActionSetRequestError.parentHasNoActions(name: parentName) }
        return ActionSet(metadata: metadata(random: random), spec: .init(actions: actions))
    }

    private func metadata(random: () -> String) -> ActionSet.Metadata {
        ActionSet.Metadata(name: generatedName(random: random), namespace: namespace, labels: labels.nilIfEmpty)
    }

    /// kanctl's naming: the given name, else from the action and the parent.
    func generatedName(random: () -> String) -> String {
        if let name, !name.isEmpty { return name }
        var parts: [String] = []
        if let action, !action.isEmpty { parts.append(action) }
        if let parent, !parent.isEmpty { parts.append(parent) }
        return (parts + [random()]).joined(separator: "-")
    }

    /// Five characters from the alphabet Kubernetes uses for generated names
    /// (no vowels, no look-alikes), as kanctl's `rand.String(5)`.
    public static func randomSuffix() -> String {
        let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
        return String((0..<5).map { _ in alphabet.randomElement()! })
    }
}

/// Reading kanctl's flag values: `namespace/name`, `ref=namespace/name`,
/// `key=value`, `group/version/resource/namespace/name`.
extension ActionSetRequest {
    /// The kinds kanctl's object flags name, as it writes them in `object.kind`.
    public enum TargetKind: String, Sendable, CaseIterable {
        case deployment, statefulset, deploymentconfig, pvc, namespace

        /// The flag that takes this kind.
        public var flag: String {
            switch self {
            case .deployment: return "--deployment"
            case .statefulset: return "--statefulset"
            case .deploymentconfig: return "--deploymentconfig"
            case .pvc: return "--pvc"
            case .namespace: return "--namespacetargets"
            }
        }
    }

    /// kanctl's flags take comma-separated lists and may be repeated.
    public static func items(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// `namespace/name` (a namespace target is just its name).
    public static func target(_ text: String, kind: TargetKind) throws -> ActionSet.ObjectReference {
        if kind == .namespace {
            guard isName(text) else { throw ActionSetRequestError.badValue(flag: kind.flag, value: text, expected: "NAMESPACE") }
            return .init(kind: kind.rawValue, name: text, namespace: text)
        }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, parts.allSatisfy(isName) else {
            throw ActionSetRequestError.badValue(flag: kind.flag, value: text, expected: "NAMESPACE/NAME")
        }
        return .init(kind: kind.rawValue, name: parts[1], namespace: parts[0])
    }

    /// `--objects group/version/resource/namespace/name`, or
    /// `version/resource/namespace/name` for the core group.
    public static func genericObject(_ text: String) throws -> ActionSet.ObjectReference {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4 || parts.count == 5, parts.allSatisfy(isName) else {
            throw ActionSetRequestError.badValue(
                flag: "--objects", value: text,
                expected: "GROUP/VERSION/RESOURCE/NAMESPACE/NAME, or VERSION/RESOURCE/NAMESPACE/NAME for the core group")
        }
        let tail = Array(parts.suffix(4))
        return .init(apiVersion: tail[0], group: parts.count == 5 ? parts[0] : nil, resource: tail[1],
                     name: tail[3], namespace: tail[2])
    }

    /// `--secrets`/`--config-maps`: `ref=namespace/name`.
    public static func reference(_ text: String, flag: String) throws -> (String, ActionSet.ObjectReference) {
        let expected = "REF=NAMESPACE/NAME (REF is the name the blueprint uses)"
        guard let equals = text.firstIndex(of: "=") else {
            throw ActionSetRequestError.badValue(flag: flag, value: text, expected: expected)
        }
        let ref = String(text[..<equals])
        let parts = text[text.index(after: equals)...].split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard isName(ref), parts.count == 2, parts.allSatisfy(isName) else {
            throw ActionSetRequestError.badValue(flag: flag, value: text, expected: expected)
        }
        return (ref, .init(name: parts[1], namespace: parts[0]))
    }

    /// `--options`/`--labels`/`--podlabels`: `key=value`.
    public static func keyValue(_ text: String, flag: String) throws -> (String, String) {
        let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty else {
            throw ActionSetRequestError.badValue(flag: flag, value: text, expected: "KEY=VALUE")
        }
        return (parts[0], parts[1])
    }

    /// `--profile name` (in the ActionSet's namespace) or `namespace/name`.
    public static func profileReference(_ text: String, namespace: String) throws -> ActionSet.ObjectReference {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard (parts.count == 1 || parts.count == 2), parts.allSatisfy(isName) else {
            throw ActionSetRequestError.badValue(flag: "--profile", value: text, expected: "NAME or NAMESPACE/NAME")
        }
        return parts.count == 2 ? .init(name: parts[1], namespace: parts[0]) : .init(name: parts[0], namespace: namespace)
    }

    /// kanctl's `[\w-.]+`: letters, digits, `_`, `-` and `.`.
    static func isName(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "_-.".unicodeScalars.contains($0)) }
    }
}

/// What is wrong with a request, and how to put it right.
public enum ActionSetRequestError: Error, CustomStringConvertible, Sendable, Equatable {
    case missingAction
    case missingBlueprint
    case noObjects
    case parentNotComplete(name: String, state: String?)
    case parentHasNoActions(name: String)
    case badValue(flag: String, value: String, expected: String)

    public var description: String {
        switch self {
        case .missingAction:
            return "a new ActionSet needs --action (the blueprint action to run, e.g. backup)"
        case .missingBlueprint:
            return "a new ActionSet needs --blueprint (the name of a Blueprint object)"
        case .noObjects:
            return "no objects to run the action on; name them with --deployment, --statefulset, --pvc, --namespacetargets, "
                + "--objects or --selector, or continue an ActionSet with --from"
        case let .parentNotComplete(name, state):
            return "ActionSet \(name) is \(state ?? "not started") and --from needs a complete one; "
                + "wait for it (`blueprint actionset status \(name)`) or choose another"
        case let .parentHasNoActions(name):
            return "ActionSet \(name) has no actions in its status to continue"
        case let .badValue(flag, value, expected):
            return "\(flag) \"\(value)\": expected \(expected)"
        }
    }
}

private extension Dictionary {
    var nilIfEmpty: Self? { isEmpty ? nil : self }
}
