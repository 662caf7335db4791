import BlueprintEngine
import BlueprintModel
import KubeClient

/// Create or delete a Kubernetes resource (Kanister's `KubeOps`).
///
/// `create` finds the resource for the manifest's apiVersion and kind the way
/// kubectl does (the server's resource list), so any kind — CRDs included —
/// works. Both operations output the object's reference.
public struct KubeOps: RunnableFunction {
    public static let declaration = FunctionDeclaration(
        name: "KubeOps",
        summary: "Create or delete a Kubernetes resource.",
        arguments: [
            .required("operation", .oneOf(["create", "delete"]), "Whether to create a resource from spec or delete the one in objectReference."),
            .optional("namespace", .string, "Namespace in which the resource is created."),
            .optional("spec", .string, "YAML manifest of the resource to create."),
            .optional("objectReference", .map(.string), "Resource to delete: apiVersion, group, resource, name, namespace."),
        ],
        outputs: ["apiVersion", "group", "resource", "name", "namespace"],
    )

    public static func execute(_ arguments: FunctionArguments, in context: FunctionContext) async throws -> FunctionOutput {
        let kube = try context.kube(for: declaration.name)
        switch try arguments.string("operation") {
        case "create":
            guard let specText = try arguments.optionalString("spec"), !specText.isEmpty else {
                throw FunctionError.missingArgument(function: declaration.name, argument: "spec")
            }
            let spec: JSONValue
            do { spec = try JSONValue.parsingYAML(specText) } catch {
                throw KubeFunctionError.invalidSpec(function: declaration.name, reason: "spec is not valid YAML: \(error)")
            }
            guard let apiVersion = spec["apiVersion"]?.stringValue, let kind = spec["kind"]?.stringValue else {
                throw KubeFunctionError.invalidSpec(function: declaration.name, reason: "spec needs apiVersion and kind")
            }
            guard let type = try await kube.client.resourceType(apiVersion: apiVersion, kind: kind) else {
                throw KubeFunctionError.notFound(function: declaration.name, what: "a resource of kind \(kind) in \(apiVersion)")
            }
            var object = spec
            let namespace = try arguments.optionalString("namespace").flatMap { $0.isEmpty ? nil : $0 }
                ?? spec.value(at: "metadata.namespace")?.stringValue
            if type.namespaced, let namespace { object["metadata"]?["namespace"] = .string(namespace) }
            let created = try await kube.client.create(type, KubeObject(object), namespace: type.namespaced ? namespace : nil)
            context.progress("created \(type) \(created.namespace.map { "\($0)/" } ?? "")\(created.name ?? "")")
            return output(type, name: created.name ?? "", namespace: created.namespace ?? "")
        default:
            guard try arguments.has("objectReference") else {
                throw FunctionError.missingArgument(function: declaration.name, argument: "objectReference")
            }
            let reference = try arguments.stringMap("objectReference")
            let type = try ObjectReference.resourceType(reference, function: declaration.name)
            guard let name = reference["name"], !name.isEmpty else {
                throw KubeFunctionError.invalidSpec(function: declaration.name, reason: "objectReference needs a name")
            }
            let namespace = reference["namespace"] ?? ""
            try await kube.client.delete(type, name: name, namespace: type.namespaced ? namespace : nil, ignoreNotFound: true)
            return output(type, name: name, namespace: namespace)
        }
    }

    static func output(_ type: ResourceType, name: String, namespace: String) -> FunctionOutput {
        FunctionOutput(["apiVersion": .string(type.version), "group": .string(type.group), "resource": .string(type.plural),
                        "name": .string(name), "namespace": .string(namespace)])
    }
}

/// Kanister's `objectReference`: `{apiVersion, group, resource, name, namespace}`.
enum ObjectReference {
    static func resourceType(_ reference: [String: String], function: String) throws(KubeFunctionError) -> ResourceType {
        guard let resource = reference["resource"], !resource.isEmpty else {
            throw .invalidSpec(function: function, reason: "objectReference needs a resource (e.g. pods, statefulsets)")
        }
        var group = reference["group"] ?? ""
        var version = reference["apiVersion"] ?? "v1"
        if let slash = version.firstIndex(of: "/") {
            group = String(version[..<slash])
            version = String(version[version.index(after: slash)...])
        }
        if version.isEmpty { version = "v1" }
        let namespaced = !(reference["namespace"] ?? "").isEmpty
        return ResourceType(group: group, version: version, plural: resource, kind: resource, namespaced: namespaced)
    }
}
