import Foundation
import BlueprintEngine
import BlueprintModel

/// Release the lock taken by FsyncLock (end the backup, resume writes) (our extension, not in Kanister).
public struct FsyncUnlock: RunnableFunction {
    public static let declaration = FunctionDeclaration(
        name: "FsyncUnlock",
        summary: "Release the lock taken by FsyncLock (end the backup, resume writes).",
        arguments: [
                .required("engine", .oneOf(["postgresql", "mysql", "mariadb", "mongodb", "redis"]), "Database engine to unlock."),
            ]
            + ConnectionArguments.serverDeclarations + ConnectionArguments.userEnvDeclarations
            + [
                .optional("database", .string, "Database to connect to."),
            ]
            + ConnectionArguments.passwordDeclarations
            + ConnectionArguments.podDeclarations,
        outputs: ["unlockTime", "stopLSN", "labelFile"],
        origin: .blueprint,
    )

    public static func execute(_ arguments: FunctionArguments, in context: FunctionContext) async throws -> FunctionOutput {
        let engine = try ConnectionArguments.engine(arguments)
        let connection = try await ConnectionArguments.connection(arguments, engine: engine, in: context)
        if let outputs = try await FsyncOperations.unlock(LockKey(connection)) {
            context.progress("unlocked \(connection.displayName)")
            return FunctionOutput(outputs.values.mapValues(ArgumentValue.string))
        }
        // No lock held by this process: an explicit FsyncUnlock already released it,
        // or the engine that took it is gone (`blueprint recover`).
        let record = LockRecord(connection: connection.record, label: "", acquiredAt: Date(), leaseSeconds: 0,
                                sessionBound: engine != .mongodb, client: nil, watchdog: nil)
        let outcome = try await LockRecovery.recover(record)
        context.progress("\(connection.displayName): no lock held by this process; \(outcome)")
        return FunctionOutput(UnlockOutputs(unlockTime: Date()).values.mapValues(ArgumentValue.string))
    }
}
