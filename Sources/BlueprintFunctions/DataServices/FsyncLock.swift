import BlueprintEngine
import BlueprintModel

/// Flush a database to disk and hold writes (or start a backup) so a volume snapshot is consistent (our extension, not in Kanister).
public struct FsyncLock: RunnableFunction {
    public static let declaration = FunctionDeclaration(
        name: "FsyncLock",
        summary: "Flush a database to disk and hold writes (or start a backup) so a volume snapshot is consistent.",
        arguments: [
                .required("engine", .oneOf(["postgresql", "mysql", "mariadb", "mongodb", "redis"]), "Database engine to lock."),
            ]
            + ConnectionArguments.serverDeclarations + ConnectionArguments.userEnvDeclarations
            + [
                .optional("database", .string, "Database to connect to."),
            ]
            + ConnectionArguments.passwordDeclarations
            + [
                .optional("lease", .duration, default: "5m", "Longest time the lock is held; it is released automatically after that even if FsyncUnlock never runs."),
                .optional("label", .string, "Backup label (PostgreSQL); blueprint-<unix time> by default."),
                .optional("acquireTimeout", .duration, default: "1m", "How long to wait for the lock (FLUSH TABLES WITH READ LOCK waits behind long statements)."),
            ]
            + ConnectionArguments.podDeclarations,
        outputs: ["lockTime", "backupLabel", "startLSN"],
        origin: .blueprint,
    )

    public static func execute(_ arguments: FunctionArguments, in context: FunctionContext) async throws -> FunctionOutput {
        let engine = try ConnectionArguments.engine(arguments)
        let connection = try await ConnectionArguments.connection(arguments, engine: engine, in: context)
        let lease = try arguments.duration("lease").swiftDuration
        let acquireTimeout = try arguments.duration("acquireTimeout").swiftDuration
        let label = try arguments.optionalString("label")
        // Registered before the lock is taken: a freeze cut short by a timeout or
        // Ctrl-C may still have taken effect, and FsyncUnlock with no lock held is harmless.
        await context.registerUndo(UndoAction(
            function: FsyncUnlock.declaration.name, arguments: ConnectionArguments.undoArguments(connection),
            summary: "unlock \(connection.displayName)"))
        let handle = try await FsyncOperations.lock(connection, lease: lease, label: label, acquireTimeout: acquireTimeout,
                                                    kube: context.services[KubeServices.self]?.client)
        context.progress("locked \(connection.displayName) (\(handle.record.summary) when released)")
        return FunctionOutput(handle.outputs.values.mapValues(ArgumentValue.string))
    }
}
