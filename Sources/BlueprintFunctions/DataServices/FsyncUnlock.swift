import BlueprintEngine
import BlueprintModel

/// Release the lock taken by FsyncLock (end the backup, resume writes) (our extension, not in Kanister).
public struct FsyncUnlock: BlueprintFunction {
    public static let declaration = FunctionDeclaration(
        name: "FsyncUnlock",
        summary: "Release the lock taken by FsyncLock (end the backup, resume writes).",
        arguments: [
            .required("engine", .oneOf(["postgresql", "mysql", "mariadb", "mongodb", "redis"]), "Database engine to unlock."),
            .optional("host", .string, default: "127.0.0.1", "Database server host name or address."),
            .optional("port", .int, "Database server port; the engine's default port when omitted."),
            .optional("user", .string, "User to connect as."),
            .optional("database", .string, "Database to connect to."),
            .optional("passwordEnv", .string, "Name of an environment variable holding the password (never pass the password itself)."),
            .optional("passwordSecret", .any, "Kubernetes Secret holding the password, as {name, namespace, key}."),
            .optional("namespace", .string, "Run the client inside a pod over exec: namespace of that pod."),
            .optional("pod", .string, "Run the client inside this pod over exec instead of locally."),
            .optional("container", .string, "Container of that pod; the pod's first container by default."),
        ],
        outputs: ["unlockTime", "stopLSN", "labelFile"],
        origin: .blueprint
    )
}
