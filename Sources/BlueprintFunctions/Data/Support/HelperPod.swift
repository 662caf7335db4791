import BlueprintEngine
import KubeClient

/// A temporary pod that mounts PVCs, for data functions whose workload
/// container has no tar or is not running (CopyVolumeData, RestoreData with
/// `volumes`): its image needs `sh`, `sleep` and `tar`. For a ReadWriteOnce
/// volume in use, set `podOverride: {nodeName: …}` to the node that has it.
struct HelperPod {
    static let defaultImage = "busybox:1.36"
    var pod: TaskPod

    init(function: String, namespace: String, image: String, volumes: [String: String], arguments: FunctionArguments) throws {
        var mounts: [JSONValue] = []
        var podVolumes: [JSONValue] = []
        for (index, (claim, path)) in volumes.sorted(by: { $0.key < $1.key }).enumerated() {
            podVolumes.append(["name": .string("vol-\(index)"), "persistentVolumeClaim": ["claimName": .string(claim)]])
            mounts.append(["name": .string("vol-\(index)"), "mountPath": .string(path)])
        }
        let container: JSONValue = ["name": "container", "image": .string(image.isEmpty ? Self.defaultImage : image),
                                    "command": TaskPod.idleCommand, "volumeMounts": .array(mounts)]
        pod = TaskPod(function: function, namespace: namespace, containers: [container], volumes: podVolumes,
                      podOverride: try arguments.has("podOverride") ? arguments.json("podOverride") : nil,
                      labels: try arguments.has("podLabels") ? arguments.optionalStringMap("podLabels") : [:],
                      annotations: try arguments.has("podAnnotations") ? arguments.optionalStringMap("podAnnotations") : [:])
    }

    func run<T: Sendable>(in context: FunctionContext, _ body: (String) async throws -> T) async throws -> T {
        try await pod.run(in: context, body)
    }

    /// A ReadWriteOnce volume can be mounted on one node only: when a running pod
    /// already mounts one of `claims`, the helper goes to that pod's node (unless
    /// `podOverride` names a node).
    mutating func followVolumes(_ claims: [String], client: KubernetesClient) async {
        if pod.podOverride?["nodeName"] != nil { return }
        guard let pods = try? await client.listAll(.pods, namespace: pod.namespace) else { return }
        for candidate in pods where candidate.json.value(at: "status.phase")?.stringValue == "Running" {
            let mounted = (candidate.json.value(at: "spec.volumes")?.arrayValue ?? [])
                .compactMap { $0["persistentVolumeClaim"]?["claimName"]?.stringValue }
            if let node = candidate.json.value(at: "spec.nodeName")?.stringValue, !Set(mounted).isDisjoint(with: claims) {
                pod.podOverride = (pod.podOverride ?? [:]).merged(with: ["nodeName": .string(node)])
                return
            }
        }
    }
}
