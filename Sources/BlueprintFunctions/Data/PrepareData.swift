import BlueprintEngine
import BlueprintModel
import KubeClient

/// Runs a command in a new pod that mounts PVCs (Kanister's `PrepareData`):
/// `###Phase-output###` lines become outputs, as with KubeTask.
public struct PrepareData: RunnableFunction {
    public static let declaration = FunctionDeclaration(
        name: "PrepareData",
        summary: "Run a command in a new pod that mounts PVCs, to manipulate their data.",
        arguments: [
            .required("namespace", .string, "Namespace of the PVCs and the pod."),
            .required("image", .string, "Container image to run (needs sh and sleep)."),
            .optional("volumes", .map(.string), "Map of PVC name to mount path; when omitted, all PVCs of the action's workload under /mnt/prepare_data/<pvc>."),
            .required("command", .list(.string), "Command and arguments to run in the container."),
            .optional("serviceaccount", .string, "Service account of the pod."),
            .optional("podOverride", .map(.any), "Pod spec fields merged over the default spec of the temporary pod (tolerations, nodeSelector, …)."),
            .optional("podAnnotations", .map(.string), "Extra annotations for the temporary pod."),
            .optional("podLabels", .map(.string), "Extra labels for the temporary pod."),
        ],
        outputs: nil
    )

    public static func execute(_ arguments: FunctionArguments, in context: FunctionContext) async throws -> FunctionOutput {
        let name = declaration.name
        let kube = try context.kube(for: name)
        let namespace = try arguments.string("namespace")
        var volumes = try arguments.optionalStringMap("volumes")
        if volumes.isEmpty {
            for claim in try await Self.workloadClaims(kube, function: name) { volumes[claim] = "/mnt/prepare_data/" + claim }
        }
        var helper = try HelperPod(function: name, namespace: namespace, image: try arguments.string("image"), volumes: volumes,
                                   arguments: arguments)
        if let account = try arguments.optionalString("serviceaccount"), !account.isEmpty {
            helper.pod.podOverride = (helper.pod.podOverride ?? [:]).merged(with: ["serviceAccountName": .string(account)])
        }
        let command = try arguments.stringList("command")
        return try await helper.run(in: context) { pod in
            try await PodCommand(function: name, namespace: namespace, pod: pod, container: "container", command: command).run(in: context)
        }
    }

    /// The PVCs the action's workload mounts (its claim templates for a StatefulSet's pod 0).
    static func workloadClaims(_ kube: KubeServices, function: String) async throws -> [String] {
        guard let target = kube.target else {
            throw DataMoverError.invalidArgument(function: function, argument: "volumes", reason: "give the volumes: the action has no workload to take them from")
        }
        let type: ResourceType = target.kind.lowercased() == "statefulset" ? .statefulSets : .deployments
        let workload = try await kube.client.get(type, name: target.name, namespace: target.namespace)
        var claims = (workload.json.value(at: "spec.template.spec.volumes")?.arrayValue ?? [])
            .compactMap { $0["persistentVolumeClaim"]?["claimName"]?.stringValue }
        for template in workload.json.value(at: "spec.volumeClaimTemplates")?.arrayValue ?? [] {
            if let claim = template["metadata"]?["name"]?.stringValue { claims.append("\(claim)-\(target.name)-0") }
        }
        return claims
    }
}
