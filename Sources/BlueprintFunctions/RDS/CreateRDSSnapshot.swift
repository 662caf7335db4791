import BlueprintEngine
import BlueprintModel

/// Create a snapshot of an AWS RDS instance or Aurora cluster (Kanister's `CreateRDSSnapshot`).
public struct CreateRDSSnapshot: BlueprintFunction {
    public static let declaration = FunctionDeclaration(
        name: "CreateRDSSnapshot",
        summary: "Create a snapshot of an AWS RDS instance or Aurora cluster.",
        arguments: [
            .required("instanceID", .string, "ID of the RDS instance (or Aurora cluster) to snapshot."),
            .optional("dbEngine", .string, "Database engine; required for Aurora: aurora, aurora-mysql or aurora-postgresql."),
            .optional("credentialsSource", .oneOf(["profile", "secret", "eks_service_account"]), default: "profile", "Where the AWS credentials come from: the profile, a Secret named in credentialsSecret, or the EKS service account."),
            .optional("credentialsSecret", .string, "Name of the Secret (listed in the ActionSet secrets) holding AWS credentials; required when credentialsSource is secret."),
            .optional("region", .string, "AWS region; the profile's region by default."),
        ],
        outputs: ["snapshotID", "instanceID", "securityGroupID", "allocatedStorage", "dbSubnetGroup"]
    )
}
