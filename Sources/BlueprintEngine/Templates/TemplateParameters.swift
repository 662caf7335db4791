import Foundation
import GoTemplate

/// The data templates see, in the shape of Kanister's `param.TemplateParams`
/// (`.Object`, `.StatefulSet.Pods`, `.Options.x`, `.Phases.dump.Output.path`, …).
///
/// Fields Kanister leaves nil for the target's kind are `.null` here, so
/// `.StatefulSet.Name` on a Deployment fails the same way it does under Kanister.
public struct TemplateParameters: Sendable {
    /// `.Deployment` / `.StatefulSet` / `.DeploymentConfig`: the workload's shape.
    public struct Workload: Sendable, Hashable {
        public var kind: String
        public var name: String
        public var namespace: String
        public var pods: [String]
        public var containers: [[String]]
        /// Pod name → (volume name → claim name).
        public var persistentVolumeClaims: [String: [String: String]]

        public init(kind: String, name: String, namespace: String, pods: [String] = [], containers: [[String]] = [],
                    persistentVolumeClaims: [String: [String: String]] = [:]) {
            self.kind = kind
            self.name = name
            self.namespace = namespace
            self.pods = pods
            self.containers = containers
            self.persistentVolumeClaims = persistentVolumeClaims
        }
    }

    /// `.ArtifactsIn.<name>`: a key/value artifact or a Kopia snapshot reference.
    public struct Artifact: Sendable, Hashable, Codable {
        public var keyValue: [String: String]
        public var kopiaSnapshot: String?

        public init(keyValue: [String: String] = [:], kopiaSnapshot: String? = nil) {
            self.keyValue = keyValue
            self.kopiaSnapshot = kopiaSnapshot
        }
    }

    public var object: [String: Value] = [:]
    public var workload: Workload?
    public var pvc: (name: String, namespace: String)?
    public var namespace: String?
    public var options: [String: String] = [:]
    public var profile: Value = .null
    public var artifactsIn: [String: Artifact] = [:]
    public var configMaps: [String: Value] = [:]
    public var secrets: [String: Value] = [:]
    /// Computed once per run (RFC 3339 with nanoseconds, UTC), so every phase sees the same instant.
    public var time: String
    public var podOverride: Value = .map([:])
    public var podLabels: [String: String] = [:]
    public var podAnnotations: [String: String] = [:]

    public init(time: Date = Date()) {
        self.time = Self.rfc3339Nano(time)
    }

    /// Go's `time.RFC3339Nano` layout: trailing zeros of the fraction dropped.
    /// Formatted by hand (the journal formats thousands of dates per write).
    public static func rfc3339Nano(_ date: Date) -> String {
        let interval = date.timeIntervalSince1970
        var seconds = time_t(floor(interval))
        var nanos = Int(((interval - floor(interval)) * 1e9).rounded())
        if nanos >= 1_000_000_000 {
            seconds += 1
            nanos -= 1_000_000_000
        }
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        var text = "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2))"
        if nanos > 0 {
            var fraction = pad(Int32(nanos), 9)
            while fraction.hasSuffix("0") { fraction.removeLast() }
            text += "." + fraction
        }
        return text + "Z"
    }

    /// The parameters that do not change while the run goes on.
    public var base: [String: Value] {
        var map: [String: Value] = [
            "Object": .map(object),
            "Deployment": .null, "StatefulSet": .null, "DeploymentConfig": .null,
            "PVC": pvc.map { .map(["Name": .string($0.name), "Namespace": .string($0.namespace)]) } ?? .null,
            "Namespace": namespace.map { .map(["Name": .string($0)]) } ?? .null,
            // Kanister's `map[string]string`: `index .Options "x"` of an option
            // nobody gave is "", not `<no value>`.
            "Options": .object(GoStringMap(options)),
            "Profile": profile,
            "ArtifactsIn": .map(artifactsIn.mapValues { artifact in
                .map(["KeyValue": .map(artifact.keyValue.mapValues(Value.string)),
                      "KopiaSnapshot": .string(artifact.kopiaSnapshot ?? "")])
            }),
            "ConfigMaps": .map(configMaps),
            "Secrets": .map(secrets),
            "Time": .string(time),
            "PodOverride": podOverride,
            "PodLabels": .map(podLabels.mapValues(Value.string)),
            "PodAnnotations": .map(podAnnotations.mapValues(Value.string)),
            "Phases": .map([:]),
            "DeferPhase": .null,
            "CurrentPhase": .null,
        ]
        if let workload {
            let key: String
            switch workload.kind {
            case "Deployment": key = "Deployment"
            case "DeploymentConfig": key = "DeploymentConfig"
            default: key = "StatefulSet"
            }
            map[key] = .map([
                "Name": .string(workload.name),
                "Namespace": .string(workload.namespace),
                "Pods": .list(workload.pods.map(Value.string), elementType: "string"),
                "Containers": .list(workload.containers.map { .list($0.map(Value.string), elementType: "string") },
                                    elementType: "[]string"),
                "PersistentVolumeClaims": .map(workload.persistentVolumeClaims.mapValues { .map($0.mapValues(Value.string)) }),
            ])
        }
        return map
    }

    /// The data for one phase: the base plus the outputs produced so far.
    public static func data(base: [String: Value], phases: [String: Value], deferPhase: Value,
                            currentPhase: String) -> Value {
        var map = base
        map["Phases"] = .map(phases)
        map["DeferPhase"] = deferPhase
        map["CurrentPhase"] = .map(["Name": .string(currentPhase)])
        return .map(map)
    }

    /// `.Phases.<name>` for a phase with these outputs: `{Output: {…}}`.
    public static func phaseValue(_ outputs: [String: ArgumentValue]) -> Value {
        .map(["Output": .map(outputs.mapValues(\.templateValue))])
    }

    /// `.Phases.<name>` during a dry run: outputs shown as placeholders.
    public static func placeholderPhaseValue(_ phase: String) -> Value {
        .map(["Output": .object(OutputPlaceholder(phase: phase))])
    }
}
