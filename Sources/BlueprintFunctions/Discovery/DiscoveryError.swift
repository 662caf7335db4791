/// Why `--app` found nothing to run against.
public enum DiscoveryError: Error, Sendable, CustomStringConvertible {
    case noWorkloads(app: String, scope: String)
    case noAnnotation([String])
    case blueprintNotFound(name: String, workload: String, directory: String)

    public var description: String {
        switch self {
        case .noWorkloads(let app, let scope):
            return "no Deployment, StatefulSet or DeploymentConfig labelled app=\(app), app.kubernetes.io/name=\(app) "
                + "or app.kubernetes.io/instance=\(app) in \(scope)"
        case .noAnnotation(let workloads):
            return "no blueprint named for \(workloads.joined(separator: ", ")): annotate the workload with "
                + "kanister.kasten.io/blueprint=<blueprint name>"
        case .blueprintNotFound(let name, let workload, let directory):
            return "blueprint `\(name)` (named by \(workload)) is neither in \(directory) nor a Blueprint object in the cluster"
        }
    }
}
