import BlueprintEngine
import BlueprintModel

/// Check whether a backup repository exists and the encryption key opens it (Kanister's `CheckRepository`).
public struct CheckRepository: BlueprintFunction {
    public static let declaration = FunctionDeclaration(
        name: "CheckRepository",
        summary: "Check whether a backup repository exists and the encryption key opens it.",
        arguments: [
            .required("backupArtifactPrefix", .string, "Path of the backup repository in the object store."),
            .optional("encryptionKey", .string, "Password of the restic repository; generated from the profile when omitted."),
            .optional("insecureTLS", .bool, default: "false", "Skip TLS certificate verification when talking to the object store."),
            .optional("podAnnotations", .map(.string), "Extra annotations for the temporary pod."),
            .optional("podLabels", .map(.string), "Extra labels for the temporary pod."),
        ],
        outputs: ["passwordIncorrect", "repoUnavailable"]
    )
}
