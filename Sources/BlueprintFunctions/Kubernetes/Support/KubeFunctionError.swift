import BlueprintEngine

/// Failures of the Kubernetes functions, worded for the person running the blueprint.
public enum KubeFunctionError: Error, Sendable, CustomStringConvertible, ClassifiedError {
    case noCluster(function: String)
    case commandFailed(function: String, pod: String, container: String?, command: String, exitCode: Int, stderrTail: String)
    case timedOut(function: String, waitingFor: String, after: Duration, lastState: String)
    case invalidSpec(function: String, reason: String)
    case notFound(function: String, what: String)
    case unsupportedKind(function: String, kind: String)
    case conditionFailed(function: String, condition: String, reason: String)
    case artifactMissing(function: String, name: String)
    case podFailed(function: String, pod: String, reason: String)

    /// Only an unreachable cluster is worth retrying by default; a command that
    /// ran and failed may have done part of its work.
    public var isTransient: Bool { false }

    public var description: String {
        switch self {
        case .noCluster(let function):
            return "\(function) needs a Kubernetes cluster: run with --app, --kubeconfig or KUBECONFIG set"
        case .commandFailed(let function, let pod, let container, let command, let code, let tail):
            var text = "\(function): `\(command)` in pod \(pod)" + (container.map { " (container \($0))" } ?? "")
                + " exited with code \(code)"
            let trimmed = tail.trimmingCharacters(in: .whitespacesAndNewlines)
            if !trimmed.isEmpty { text += ": " + trimmed.split(separator: "\n").suffix(3).joined(separator: " | ") }
            return text
        case .timedOut(let function, let what, let after, let lastState):
            return "\(function): timed out after \(after) waiting for \(what)" + (lastState.isEmpty ? "" : " (last seen: \(lastState))")
        case .invalidSpec(let function, let reason): return "\(function): \(reason)"
        case .notFound(let function, let what): return "\(function): \(what) not found"
        case .unsupportedKind(let function, let kind):
            return "\(function): kind `\(kind)` is not supported; use deployment, statefulset or deploymentconfig"
        case .conditionFailed(let function, let condition, let reason):
            return "\(function): cannot evaluate condition `\(condition)`: \(reason)"
        case .artifactMissing(let function, let name):
            return "\(function): no artifact named `\(name)` was stored in this run and no file has that path"
        case .podFailed(let function, let pod, let reason): return "\(function): pod \(pod) failed: \(reason)"
        }
    }
}
