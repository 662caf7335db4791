import BlueprintEngine
import BlueprintModel

/// Restore an RDS instance from an RDS snapshot or from a dump in the object store (Kanister's `RestoreRDSSnapshot`).
public struct RestoreRDSSnapshot: BlueprintFunction {
    public static let declaration = FunctionDeclaration(
        name: "RestoreRDSSnapshot",
        summary: "Restore an RDS instance from an RDS snapshot or from a dump in the object store.",
        arguments: [
            .required("instanceID", .string, "ID of the RDS instance to restore."),
            .optional("snapshotID", .string, "ID of the RDS snapshot to restore from; when omitted, restore from the dump named by backupID."),
            .optional("username", .string, "User name of the database."),
            .optional("password", .string, "Password of the database user."),
            .optional("backupArtifactPrefix", .string, "Path of the dump in the object store."),
            .optional("backupID", .string, "ID of the dump to restore (required when snapshotID is omitted)."),
            .optional("securityGroupID", .list(.string), "Security group IDs for the restored instance; the instance's current ones by default."),
            .optional("namespace", .string, "Namespace in which to run the restore pod (required when snapshotID is omitted)."),
            .optional("dbEngine", .string, "Database engine: PostgreSQL, aurora, aurora-mysql or aurora-postgresql (required for dumps and Aurora)."),
            .optional("dbSubnetGroup", .string, default: "default", "DB subnet group of the restored instance."),
            .optional("image", .string, "Kanister tools image for restoring a dump."),
            .optional("podAnnotations", .map(.string), "Extra annotations for the temporary pod."),
            .optional("podLabels", .map(.string), "Extra labels for the temporary pod."),
            .optional("credentialsSource", .oneOf(["profile", "secret", "eks_service_account"]), default: "profile", "Where the AWS credentials come from: the profile, a Secret named in credentialsSecret, or the EKS service account."),
            .optional("credentialsSecret", .string, "Name of the Secret (listed in the ActionSet secrets) holding AWS credentials; required when credentialsSource is secret."),
            .optional("region", .string, "AWS region; the profile's region by default."),
        ],
        outputs: ["endpoint"]
    )
}
