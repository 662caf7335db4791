import KubeClient

/// Strips what the cluster assigned or keeps for itself, so an object can be
/// created again — in the same namespace or another: `status`; `uid`,
/// `resourceVersion`, `generation`, `creationTimestamp`, `managedFields`,
/// `selfLink`, `ownerReferences`, `finalizers` and the namespace (set at restore);
/// kubectl's and controllers' bookkeeping annotations; a Service's `clusterIP`(s)
/// and node ports; a claim's `volumeName` and binding annotations; a
/// ServiceAccount's generated token list. Secret data is handled by the capture.
public enum DefinitionCleaner {
    static let droppedMetadata = ["uid", "resourceVersion", "generation", "creationTimestamp", "managedFields", "selfLink",
                                  "ownerReferences", "finalizers", "namespace", "deletionTimestamp",
                                  "deletionGracePeriodSeconds", "generateName"]
    static let droppedAnnotations = ["kubectl.kubernetes.io/last-applied-configuration", "deployment.kubernetes.io/revision",
                                     "pv.kubernetes.io/bind-completed", "pv.kubernetes.io/bound-by-controller",
                                     "volume.beta.kubernetes.io/storage-provisioner", "volume.kubernetes.io/storage-provisioner",
                                     "volume.kubernetes.io/selected-node"]

    public static func clean(_ object: JSONValue) -> JSONValue {
        var json = object
        json["status"] = nil
        var metadata = json["metadata"] ?? .object([:])
        for key in droppedMetadata { metadata[key] = nil }
        if var annotations = metadata["annotations"] {
            for key in droppedAnnotations { annotations[key] = nil }
            // Not `cond ? nil : x`: JSONValue is ExpressibleByNilLiteral, so that would store JSON null.
            if annotations.objectValue?.isEmpty == true {
                metadata["annotations"] = Optional<JSONValue>.none
            } else {
                metadata["annotations"] = annotations
            }
        }
        json["metadata"] = metadata
        switch json["kind"]?.stringValue {
        case "Service":
            json["spec"]?["clusterIP"] = nil
            json["spec"]?["clusterIPs"] = nil
            json["spec"]?["healthCheckNodePort"] = nil
            if case .array(let ports)? = json["spec"]?["ports"] {
                json["spec"]?["ports"] = .array(ports.map { port in var port = port; port["nodePort"] = nil; return port })
            }
        case "PersistentVolumeClaim":
            json["spec"]?["volumeName"] = nil
        case "ServiceAccount":
            json["secrets"] = nil
        case "Secret":
            json["data"] = nil
            json["stringData"] = nil
        default:
            break
        }
        return json
    }
}
