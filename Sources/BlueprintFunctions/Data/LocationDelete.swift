import BlueprintEngine
import BlueprintModel

/// Delete an artifact from the object store (Kanister's `LocationDelete`).
public struct LocationDelete: BlueprintFunction {
    public static let declaration = FunctionDeclaration(
        name: "LocationDelete",
        summary: "Delete an artifact from the object store.",
        arguments: [
            .required("artifact", .string, "Location of the artifact to delete (e.g. s3://bucket/path/artifact)."),
        ],
        outputs: []
    )
}
