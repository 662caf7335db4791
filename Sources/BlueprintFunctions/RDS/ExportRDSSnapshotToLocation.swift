import BlueprintEngine
import BlueprintModel

/// Start a temporary RDS instance from a snapshot, dump its databases and upload the dump to the object store (Kanister's `ExportRDSSnapshotToLocation`).
public struct ExportRDSSnapshotToLocation: BlueprintFunction {
    public static let declaration = FunctionDeclaration(
        name: "ExportRDSSnapshotToLocation",
        summary: "Start a temporary RDS instance from a snapshot, dump its databases and upload the dump to the object store.",
        arguments: [
            .required("instanceID", .string, "ID of the source RDS instance."),
            .required("namespace", .string, "Namespace in which to run the Kanister tools pod."),
            .required("snapshotID", .string, "ID of the RDS snapshot to export."),
            .required("dbEngine", .string, "Database engine (PostgreSQL)."),
            .optional("username", .string, "User name of the database."),
            .optional("password", .string, "Password of the database user."),
            .optional("backupArtifactPrefix", .string, "Path in the object store for the dump; the instance ID by default."),
            .optional("databases", .list(.string), "Databases to dump; all databases by default."),
            .optional("securityGroupID", .list(.string), "Security group IDs for the temporary instance; the source instance's by default."),
            .optional("dbSubnetGroup", .string, default: "default", "DB subnet group for the temporary instance; default by default."),
            .optional("image", .string, "Kanister tools image for the export pod."),
            .optional("podAnnotations", .map(.string), "Extra annotations for the temporary pod."),
            .optional("podLabels", .map(.string), "Extra labels for the temporary pod."),
            .optional("credentialsSource", .oneOf(["profile", "secret", "eks_service_account"]), default: "profile", "Where the AWS credentials come from: the profile, a Secret named in credentialsSecret, or the EKS service account."),
            .optional("credentialsSecret", .string, "Name of the Secret (listed in the ActionSet secrets) holding AWS credentials; required when credentialsSource is secret."),
            .optional("region", .string, "AWS region; the profile's region by default."),
        ],
        outputs: ["snapshotID", "instanceID", "backupID", "securityGroupID"]
    )
}
