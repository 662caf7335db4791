import BlueprintEngine
import BlueprintModel

/// Delete an RDS (or Aurora cluster) snapshot (Kanister's `DeleteRDSSnapshot`).
public struct DeleteRDSSnapshot: BlueprintFunction {
    public static let declaration = FunctionDeclaration(
        name: "DeleteRDSSnapshot",
        summary: "Delete an RDS (or Aurora cluster) snapshot.",
        arguments: [
            .required("snapshotID", .string, "ID of the RDS snapshot to delete."),
            .optional("dbEngine", .string, "Database engine; required for Aurora cluster snapshots."),
            .optional("credentialsSource", .oneOf(["profile", "secret", "eks_service_account"]), default: "profile", "Where the AWS credentials come from: the profile, a Secret named in credentialsSecret, or the EKS service account."),
            .optional("credentialsSecret", .string, "Name of the Secret (listed in the ActionSet secrets) holding AWS credentials; required when credentialsSource is secret."),
            .optional("region", .string, "AWS region; the profile's region by default."),
        ],
        outputs: []
    )
}
