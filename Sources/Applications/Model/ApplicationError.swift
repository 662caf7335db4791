/// Why an application run could not start, or what went wrong around its
/// components (they report their own failures in their runs). Each names the
/// object, where the engine looked, and how to go on.
public enum ApplicationError: Error, Sendable, CustomStringConvertible {
    case noRecord(id: String, directory: String)
    case unreadableRecord(path: String, reason: String)
    case unknownComponentOption(option: String, component: String, components: [String])
    case badComponentOption(String)
    case allUnannotated(app: String, workloads: [String])
    case unannotatedStrict([String])
    case componentMissing(component: String, backup: String, namespace: String)
    case fromIsNotABackup(id: String, action: String)
    case componentRunUnreadable(component: String, runID: String, reason: String)
    case prepareFailed(component: String, reason: String)
    case objectStore(String)
    case definitions(String)

    public var description: String {
        switch self {
        case .noRecord(let id, let directory):
            return "no application record `\(id)` in \(directory) (run `blueprint runs` to list them)"
        case .unreadableRecord(let path, let reason):
            return "cannot read application record \(path): \(reason)"
        case .unknownComponentOption(let option, let component, let components):
            return "option `\(option)` is for component `\(component)`, but the app has no workload of that name "
                + "(its components: \(components.joined(separator: ", "))); write --option NAME:key=value with a workload's name"
        case .badComponentOption(let option):
            return "option `\(option)` is not NAME:key=value (the component's workload name, a key and its value)"
        case .allUnannotated(let app, let workloads):
            return "no workload of app \(app) names its blueprint (\(workloads.joined(separator: ", "))): annotate each "
                + "with kanister.kasten.io/blueprint=<blueprint name>, or give --blueprint FILE"
        case .unannotatedStrict(let workloads):
            return "no blueprint named for \(workloads.joined(separator: ", ")) (--strict): annotate the workload with "
                + "kanister.kasten.io/blueprint=<blueprint name>, or leave out --strict to skip it with a warning"
        case .componentMissing(let component, let backup, let namespace):
            return "application backup \(backup) has component \(component), but namespace \(namespace) has no such workload "
                + "labelled for the app: recreate it, or restore the whole app with --with-definitions or --target-namespace"
        case .fromIsNotABackup(let id, let action):
            return "`\(id)` is an application \(action), not a backup: give --from an application backup's id (`blueprint runs`)"
        case .componentRunUnreadable(let component, let runID, let reason):
            return "the run \(runID) of component \(component) cannot be read: \(reason)"
        case .prepareFailed(let component, let reason):
            return "\(component): \(reason)"
        case .objectStore(let reason):
            return "object store: \(reason)"
        case .definitions(let reason):
            return "definitions: \(reason) (the app's objects could not be captured; --no-definitions backs up its data alone)"
        }
    }
}
