import BlueprintEngine
import BlueprintModel
import DataRepository

/// Whether a repository exists and the key opens it (Kanister's
/// `CheckRepository`), in the engine: `repoUnavailable` and
/// `passwordIncorrect` are "true" or "false" for later phases to test.
public struct CheckRepository: RunnableFunction {
    public static let declaration = FunctionDeclaration(
        name: "CheckRepository",
        summary: "Check whether a backup repository exists and the encryption key opens it.",
        arguments: [
            .required("backupArtifactPrefix", .string, "Path of the backup repository in the object store."),
            .optional("encryptionKey", .string, "Key of the repository; the generated one when omitted."),
            .optional("namespace", .string, "Our extension: where a generated key is kept (the backup's namespace)."),
            .optional("insecureTLS", .bool, default: "false", "Accepted for Kanister compatibility; the profile's skipSSLVerify applies."),
            .optional("podAnnotations", .map(.string), "Accepted for Kanister compatibility (runs in the engine, no pod)."),
            .optional("podLabels", .map(.string), "Accepted for Kanister compatibility (runs in the engine, no pod)."),
        ],
        outputs: ["passwordIncorrect", "repoUnavailable"]
    )

    public static func execute(_ arguments: FunctionArguments, in context: FunctionContext) async throws -> FunctionOutput {
        let access = try RepositoryAccess(function: declaration.name, prefix: try arguments.string("backupArtifactPrefix"),
                                          namespace: try arguments.optionalString("namespace").flatMap { $0.isEmpty ? nil : $0 }, context: context)
        var unavailable = false, incorrect = false
        do {
            _ = try await access.open(encryptionKey: try arguments.optionalString("encryptionKey"), create: false)
        } catch RepositoryError.notFound {
            unavailable = true
        } catch RepositoryError.wrongKey {
            incorrect = true
        } catch DataMoverError.keyUnavailable {
            unavailable = !(try await Repository.exists(store: access.services.store, prefix: access.prefix))
            incorrect = !unavailable
        }
        return FunctionOutput(["passwordIncorrect": .string(String(incorrect)), "repoUnavailable": .string(String(unavailable))])
    }
}
