/// Why a whole-app restore was refused or failed.
public enum RestoreError: Error, Sendable, CustomStringConvertible {
    case notAnApplicationBackup(String)
    case noDefinitions(String)
    case conflicts(namespace: String, objects: [String])
    case sealed(String)
    case notReady(String, seconds: Int)
    case failed(reason: String, removed: [String], leftOver: [String])

    public var description: String {
        switch self {
        case .notAnApplicationBackup(let id):
            return "`\(id)` is not an application backup (a whole-app restore needs one made by "
                + "`blueprint run backup --app NAME`; see `blueprint runs`)"
        case .noDefinitions(let id):
            return "application backup \(id) has no definitions (it was made with --no-definitions): restore its data "
                + "only, without --target-namespace or --with-definitions"
        case .conflicts(let namespace, let objects):
            return "namespace \(namespace) already has \(objects.joined(separator: ", ")): a whole-app restore does not "
                + "replace objects; delete them, restore into another namespace, or give --overwrite"
        case .sealed(let reason):
            return reason
        case .notReady(let workload, let seconds):
            return "\(workload) was not Ready within \(seconds) s (readyReplicas below replicas): check its pods "
                + "(`kubectl describe`), or give more time with --ready-timeout"
        case .failed(let reason, let removed, let leftOver):
            var text = "whole-app restore failed: \(reason)"
            if !removed.isEmpty { text += "; removed what it had created: \(removed.joined(separator: ", "))" }
            if !leftOver.isEmpty { text += "; could NOT remove (delete by hand): \(leftOver.joined(separator: ", "))" }
            return text
        }
    }
}
