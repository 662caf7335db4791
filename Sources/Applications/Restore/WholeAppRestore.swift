import BlueprintEngine
import BlueprintFunctions
import BlueprintModel
import Crypto
import Foundation
import KubeClient
import ObjectStore

/// Restores a whole application from an application backup: its objects from
/// the captured definitions, in order, then each component's data, then the
/// workloads scaled up — into the namespace it came from (`--with-definitions`)
/// or another (`--target-namespace`). See ``RestorePlan`` for the order.
///
/// Nothing is created while the plan has a conflict (an object of the same kind
/// and name in the target namespace; the `default` ServiceAccount and
/// `kube-root-ca.crt` do not count) unless `overwrite`. A restore that fails
/// removes the objects it created (the namespace too, when it made it) and says
/// which it could not remove.
public struct WholeAppRestore: Sendable {
    /// Restore functions that write volumes: their workloads wait at 0 replicas.
    public static let volumeFunctions: Set<String> = ["RestoreCSISnapshot", "RestoreData", "RestoreDataAll", "CopyVolumeData"]

    public struct Settings: Sendable {
        public var targetNamespace: String?
        public var overwrite = false
        public var sealingKey: SymmetricKey?
        public var readyTimeout: Duration = .seconds(600)

        public init(targetNamespace: String?) { self.targetNamespace = targetNamespace }
    }

    public var client: KubernetesClient
    public var runs: RunStore
    public var objectStore: any ObjectStore
    public var profile: Profile
    public var blueprintsDirectory: String
    public var settings: Settings

    public init(client: KubernetesClient, runs: RunStore, objectStore: any ObjectStore, profile: Profile,
                blueprintsDirectory: String, settings: Settings) {
        self.client = client
        self.runs = runs
        self.objectStore = objectStore
        self.profile = profile
        self.blueprintsDirectory = blueprintsDirectory
        self.settings = settings
    }

    // MARK: Planning

    public func plan(backup id: String) async throws -> RestorePlan {
        let applications = ApplicationStore(runs: runs)
        guard applications.contains(id) else { throw RestoreError.notAnApplicationBackup(id) }
        let record = try applications.load(id)
        guard record.definitions != nil else { throw RestoreError.noDefinitions(id) }
        let document = try await definitions(of: record)
        let source = document.namespace
        let target = settings.targetNamespace ?? source

        let sealed = document.sealedSecretData.keys.sorted()
        if !sealed.isEmpty && settings.sealingKey == nil {
            throw RestoreError.sealed(DefinitionsDocument.SealError.noKey(secrets: sealed).description)
        }
        var warnings: [String] = []
        if !document.secretDataOmitted.isEmpty {
            warnings.append("Secrets \(document.secretDataOmitted.joined(separator: ", ")) are restored without their data "
                + "(the backup left it out; back up with --secrets-key-file to keep it)")
        }
        let volumeComponents = try await volumeRestored(record)

        var steps: [RestorePlan.Step] = []
        var objects: [String: JSONValue] = [:]
        var scaledDown: [String: Int] = [:]
        var conflicts: [String] = []
        if try await client.getIfPresent(.namespaces, name: target) == nil {
            steps.append(.init(stage: 1, action: .createNamespace, kind: "Namespace", name: target))
        }
        let ordered = document.objects.enumerated().sorted {
            (DefinitionKinds.stage(ofKind: $0.element["kind"]?.stringValue ?? ""), $0.offset)
                < (DefinitionKinds.stage(ofKind: $1.element["kind"]?.stringValue ?? ""), $1.offset)
        }.map(\.element)
        for original in ordered {
            let kind = original["kind"]?.stringValue ?? "", name = original.value(at: "metadata.name")?.stringValue ?? ""
            guard let type = DefinitionKinds.type(ofKind: kind), !name.isEmpty else {
                warnings.append("\(kind) \(name) in the definitions is not a kind a whole-app restore creates: skipped")
                continue
            }
            var object = try Self.retarget(original, from: source, to: target)
            if kind == "Secret", let key = settings.sealingKey, let data = try document.openSecretData(name, key: key) {
                object["data"] = data
            }
            var detail: String?
            if DefinitionKinds.workloadKinds.contains(kind), volumeComponents.contains("\(kind)/\(name)") {
                scaledDown["\(kind)/\(name)"] = Int(object.value(at: "spec.replicas")?.intValue ?? 1)
                object["spec"]?["replicas"] = .int(0)
                detail = "0 replicas until its volumes are restored"
            }
            var action = RestorePlan.Step.Action.create
            if steps.first?.action != .createNamespace,
               let existing = try await client.getIfPresent(type, name: name, namespace: target),
               !DefinitionKinds.isClusterMade(kind: kind, name: name, type: existing.json["type"]?.stringValue) {
                if settings.overwrite { action = .replace } else { conflicts.append("\(kind) \(name)") }
            }
            objects["\(kind)/\(name)"] = object
            steps.append(.init(stage: DefinitionKinds.stage(ofKind: kind), action: action, kind: kind, name: name, detail: detail))
        }
        if !conflicts.isEmpty { throw RestoreError.conflicts(namespace: target, objects: conflicts) }
        for component in record.components {
            let key = "\(component.kind)/\(component.name)"
            if volumeComponents.contains(key) {
                steps.append(.init(stage: 5, action: .restoreData, kind: component.kind, name: component.name,
                                   detail: "blueprint \(component.blueprint), from its volumes before it scales up"))
            } else {
                steps.append(.init(stage: 5, action: .waitReady, kind: component.kind, name: component.name))
                steps.append(.init(stage: 5, action: .restoreData, kind: component.kind, name: component.name,
                                   detail: "blueprint \(component.blueprint), run \(component.runID)"))
            }
        }
        for (key, replicas) in scaledDown.sorted(by: { $0.key < $1.key }) {
            let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
            steps.append(.init(stage: 6, action: .scale, kind: parts[0], name: parts[1], detail: "\(replicas) replica\(replicas == 1 ? "" : "s")"))
        }
        for original in ordered where DefinitionKinds.workloadKinds.contains(original["kind"]?.stringValue ?? "") {
            steps.append(.init(stage: 6, action: .waitReady, kind: original["kind"]?.stringValue ?? "",
                               name: original.value(at: "metadata.name")?.stringValue ?? ""))
        }
        return RestorePlan(app: record.app, backup: id, sourceNamespace: source, targetNamespace: target, steps: steps,
                           objects: objects, scaledDown: scaledDown, warnings: warnings)
    }

    /// The definitions artifact, read back with its size and SHA-256 checked.
    func definitions(of record: ApplicationRecord) async throws -> DefinitionsDocument {
        let artifacts = ArtifactStore(store: objectStore, prefix: profile.artifactPrefix)
        let buffer = try await artifacts.open(run: record.id, name: DefinitionCapture.artifactName).collect(upTo: 64 << 20)
        return try DefinitionsDocument.decode(Data(buffer.readableBytesView))
    }

    /// Components whose blueprint restores volumes ("Kind/name").
    func volumeRestored(_ record: ApplicationRecord) async throws -> Set<String> {
        let source = BlueprintSource(directory: blueprintsDirectory, client: client)
        var result = Set<String>()
        for component in record.components {
            guard let file = try await source.file(for: component.blueprint, namespace: component.namespace) else { continue }
            let (blueprints, _) = BlueprintLoader.load(file: file)
            let action = blueprints.first { $0.name == component.blueprint }?.actions.first { $0.name == "restore" }
            if let action, action.allPhases.contains(where: { Self.volumeFunctions.contains($0.function) }) {
                result.insert("\(component.kind)/\(component.name)")
            }
        }
        return result
    }

    /// The object for `target`: its namespace, and the places objects name a
    /// namespace — RoleBinding subjects, a claim's `dataSourceRef`.
    static func retarget(_ object: JSONValue, from source: String, to target: String) throws -> JSONValue {
        var object = object
        object["metadata"]?["namespace"] = .string(target)
        if object["kind"]?.stringValue == "RoleBinding", case .array(let subjects)? = object["subjects"] {
            object["subjects"] = .array(subjects.map { subject in
                var subject = subject
                if subject["namespace"]?.stringValue == source { subject["namespace"] = .string(target) }
                return subject
            })
        }
        if object["kind"]?.stringValue == "PersistentVolumeClaim",
           object.value(at: "spec.dataSourceRef.namespace")?.stringValue == source {
            object["spec"]?["dataSourceRef"]?["namespace"] = .string(target)
        }
        return object
    }

    // MARK: Running

    /// Stages 1–4: the namespace and the objects, in order. On failure, what was
    /// created is removed again (in reverse) and the error says what was left.
    public func createObjects(_ plan: RestorePlan) async throws -> [RestoredObject] {
        var created: [RestoredObject] = []
        do {
            for step in plan.steps where step.stage <= 4 {
                if step.action == .createNamespace {
                    let namespace = try await client.create(.namespaces, KubeObject(["apiVersion": "v1", "kind": "Namespace",
                                                                                     "metadata": ["name": .string(step.name)]]))
                    created.append(RestoredObject(kind: "Namespace", name: step.name, namespace: nil,
                                                  resourceVersion: namespace.resourceVersion, replaced: false))
                    continue
                }
                guard let type = DefinitionKinds.type(ofKind: step.kind), let object = plan.objects["\(step.kind)/\(step.name)"] else {
                    continue
                }
                let result: KubeObject
                if step.action == .replace, let existing = try await client.getIfPresent(type, name: step.name, namespace: plan.targetNamespace) {
                    var replacement = object
                    replacement["metadata"]?["resourceVersion"] = existing.json.value(at: "metadata.resourceVersion")
                    if step.kind == "Service" {  // the cluster-assigned address stays
                        replacement["spec"]?["clusterIP"] = existing.json.value(at: "spec.clusterIP")
                        replacement["spec"]?["clusterIPs"] = existing.json.value(at: "spec.clusterIPs")
                    }
                    if step.kind == "PersistentVolumeClaim" { replacement["spec"] = existing.json["spec"] }
                    result = try await client.update(type, KubeObject(replacement), namespace: plan.targetNamespace)
                } else {
                    result = try await client.create(type, KubeObject(object), namespace: plan.targetNamespace)
                }
                created.append(RestoredObject(kind: step.kind, name: step.name, namespace: plan.targetNamespace,
                                              resourceVersion: result.resourceVersion, replaced: step.action == .replace))
            }
        } catch {
            throw await rollback(created, reason: "\(error)")
        }
        return created
    }

    /// Waits until the workload has as many ready replicas as it asks for.
    public func waitReady(kind: String, name: String, namespace: String) async throws {
        guard let type = DefinitionKinds.type(ofKind: kind) else { return }
        let deadline = ContinuousClock.now + settings.readyTimeout
        while true {
            let object = try await client.get(type, name: name, namespace: namespace)
            let wanted = object.json.value(at: "spec.replicas")?.intValue ?? 1
            let ready = object.json.value(at: "status.readyReplicas")?.intValue ?? 0
            if ready >= wanted { return }
            if ContinuousClock.now >= deadline {
                throw RestoreError.notReady("\(kind) \(namespace)/\(name)", seconds: Int(settings.readyTimeout.components.seconds))
            }
            try await Task.sleep(for: .milliseconds(500))
        }
    }

    /// Stage 6: the workloads created at 0 replicas get their own count back; then every workload is waited for.
    public func scaleUp(_ plan: RestorePlan) async throws {
        for (key, replicas) in plan.scaledDown.sorted(by: { $0.key < $1.key }) {
            let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
            guard let type = DefinitionKinds.type(ofKind: parts[0]) else { continue }
            _ = try await client.patch(type, name: parts[1], namespace: plan.targetNamespace,
                                       patch: ["spec": ["replicas": .int(Int64(replicas))]])
        }
        for step in plan.steps where step.stage == 6 && step.action == .waitReady {
            try await waitReady(kind: step.kind, name: step.name, namespace: plan.targetNamespace)
        }
    }

    /// Removes created objects in reverse order (a namespace last, which takes
    /// anything left in it); replaced ones are left. The error lists both.
    public func rollback(_ created: [RestoredObject], reason: String) async -> RestoreError {
        var removed: [String] = [], leftOver: [String] = []
        for object in created.reversed() where !object.replaced {
            let type = object.kind == "Namespace" ? ResourceType.namespaces : DefinitionKinds.type(ofKind: object.kind)
            guard let type else { continue }
            do {
                try await client.delete(type, name: object.name, namespace: object.namespace, propagation: .background,
                                        ignoreNotFound: true)
                removed.append("\(object.kind) \(object.name)")
            } catch {
                leftOver.append("\(object.kind) \(object.name)")
            }
        }
        return .failed(reason: reason, removed: removed, leftOver: leftOver)
    }
}
