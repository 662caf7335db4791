import Foundation
import GoTemplate

/// The target of a run on this machine, with no Kubernetes: `.Object` and friends
/// come from an app file, `.Options` from `--option k=v` (overriding the file).
///
/// The app file (YAML or JSON) describes the object as Kubernetes would, plus the
/// parameters Kanister would discover from the cluster:
///
/// ```yaml
/// kind: StatefulSet            # Deployment, DeploymentConfig, PersistentVolumeClaim, Namespace, …
/// metadata: {name: db, namespace: prod}
/// pods: [db-0]                 # .StatefulSet.Pods
/// containers: [[postgres]]     # .StatefulSet.Containers
/// persistentVolumeClaims: {db-0: {data: data-db-0}}
/// options: {database: app}     # .Options
/// profile: {…}                 # .Profile
/// configMaps: {name: {key: value}}   # .ConfigMaps.name.Data.key
/// secrets: {name: {key: value}}      # .Secrets.name.Data.key (redacted everywhere)
/// podOverride: {…}
/// podLabels: {k: v}
/// podAnnotations: {k: v}
/// ```
public struct LocalTarget: Sendable {
    public var document: [String: ArgumentValue]
    public var options: [String: String]
    /// The object-store profile as `.Profile` (Kanister's JSON shape), when the
    /// app file does not set one; its secret belongs in `credentialSecrets`.
    public var profile: Value?
    /// Credentials that reach templates (the profile's secret key): redacted too.
    public var credentialSecrets: [SecretValue] = []
    /// The app file the document came from, which secret references name.
    public var appFile: String?
    /// Options whose values are secrets, by where each came from.
    public var secretOptions: [String: SecretReference] = [:]
    /// Options given with `--option` on the command line, where no secret belongs.
    public var commandLineOptions: Set<String> = []

    public enum LoadError: Error, Sendable, CustomStringConvertible {
        case unreadable(String, String)
        case invalid(String, String)
        case badOption(String)
        case badSecretOption(flag: String, text: String, valueName: String)
        case secretUnreadable(SecretResolutionError)

        public var description: String {
            switch self {
            case .unreadable(let path, let reason): return "cannot read app file \(path): \(reason)"
            case .invalid(let path, let reason): return "app file \(path): \(reason)"
            case .badOption(let text): return "option \"\(text)\" must be written key=value"
            case .badSecretOption(let flag, let text, let valueName):
                return "\(flag) \"\(text)\" must be written key=\(valueName)"
            case .secretUnreadable(let error): return error.description
            }
        }
    }

    /// Keys of the app file that are parameters, not part of `.Object`.
    static let parameterKeys: Set<String> = [
        "pods", "containers", "persistentVolumeClaims", "options", "profile", "configMaps", "secrets",
        "podOverride", "podLabels", "podAnnotations",
    ]

    public init(document: [String: ArgumentValue] = [:], options: [String: String] = [:]) {
        self.document = document
        self.options = options
    }

    /// `secretOptions` are options read from files or environment variables
    /// (`--option-from-file`, `--option-from-env`), as references.
    public static func load(appFile: String?, options: [String],
                            secretOptions: [SecretReference] = []) throws(LoadError) -> LocalTarget {
        var document: [String: ArgumentValue] = [:]
        if let appFile {
            document = try readAppFile(appFile)
        }
        var target = LocalTarget(document: document)
        if case .map(let fileOptions)? = document["options"] {
            for (key, value) in fileOptions { target.options[key] = value.description }
        }
        target.appFile = appFile
        for option in options {
            guard let equals = option.firstIndex(of: "="), equals != option.startIndex else { throw .badOption(option) }
            target.options[String(option[..<equals])] = String(option[option.index(after: equals)...])
            target.commandLineOptions.insert(String(option[..<equals]))
        }
        try target.addSecretOptions(secretOptions)
        return target
    }

    static func convert(_ any: Any) -> ArgumentValue {
        switch any {
        case let s as String: return .string(s)
        case let b as Bool: return .bool(b)
        case let i as Int: return .int(i)
        case let d as Double: return .float(d)
        case let list as [Any]: return .list(list.map(convert))
        case let map as [String: Any]: return .map(map.mapValues(convert))
        case let map as [AnyHashable: Any]:
            return .map(Dictionary(map.map { ("\($0.key)", convert($0.value)) }, uniquingKeysWith: { a, _ in a }))
        case is NSNull: return .null
        default: return .string("\(any)")
        }
    }

    public var kind: String? { document["kind"]?.stringValue }
    public var name: String? { metadata["name"]?.stringValue }
    public var namespace: String? { metadata["namespace"]?.stringValue }

    private var metadata: [String: ArgumentValue] {
        if case .map(let m)? = document["metadata"] { return m }
        return [:]
    }

    /// "StatefulSet prod/db", or "local" without an app file.
    public var description: String {
        guard let kind else { return "local" }
        return "\(kind) " + [namespace, name].compactMap { $0 }.joined(separator: "/")
    }

    public func parameters(time: Date = Date(), artifactsIn: [String: TemplateParameters.Artifact] = [:]) -> TemplateParameters {
        var params = TemplateParameters(time: time)
        params.object = document.filter { !Self.parameterKeys.contains($0.key) }.mapValues(\.templateValue)
        params.options = options
        params.artifactsIn = artifactsIn
        params.profile = document["profile"]?.templateValue ?? profile ?? .null
        let namespace = self.namespace ?? ""
        switch kind {
        case "Deployment", "StatefulSet", "DeploymentConfig":
            params.workload = .init(
                kind: kind!, name: name ?? "", namespace: namespace,
                pods: document["pods"]?.stringList ?? [],
                containers: document["containers"]?.listValue?.map { $0.stringList ?? [] } ?? [],
                persistentVolumeClaims: document["persistentVolumeClaims"]?.mapValue?.mapValues {
                    $0.mapValue?.mapValues(\.description) ?? [:]
                } ?? [:])
            params.namespace = namespace
        case "PersistentVolumeClaim":
            params.pvc = (name ?? "", namespace)
            params.namespace = namespace
        case "Namespace":
            params.namespace = name ?? ""
        default:
            if !namespace.isEmpty { params.namespace = namespace }
        }
        params.configMaps = (document["configMaps"]?.mapValue ?? [:]).reduce(into: [:]) { result, entry in
            result[entry.key] = .map(["Name": .string(entry.key), "Namespace": .string(namespace),
                                      "Data": .map((entry.value.mapValue ?? [:]).mapValues { .string($0.description) })])
        }
        params.secrets = (document["secrets"]?.mapValue ?? [:]).reduce(into: [:]) { result, entry in
            result[entry.key] = .map(["Name": .string(entry.key), "Namespace": .string(namespace), "Type": .string("Opaque"),
                                      "Data": .map((entry.value.mapValue ?? [:]).mapValues { .bytes(Array($0.description.utf8)) })])
        }
        params.podOverride = document["podOverride"]?.templateValue ?? .map([:])
        params.podLabels = document["podLabels"]?.mapValue?.mapValues(\.description) ?? [:]
        params.podAnnotations = document["podAnnotations"]?.mapValue?.mapValues(\.description) ?? [:]
        return params
    }
}

extension ArgumentValue {
    var stringValue: String? {
        switch self {
        case .string(let s): return s
        case .int, .float, .bool: return description
        default: return nil
        }
    }

    var listValue: [ArgumentValue]? {
        if case .list(let l) = self { return l }
        return nil
    }

    var mapValue: [String: ArgumentValue]? {
        if case .map(let m) = self { return m }
        return nil
    }

    var stringList: [String]? { listValue?.compactMap(\.stringValue) }
}
