import BlueprintEngine
import BlueprintModel
import Foundation

/// Deletes an artifact from the profile's object store (Kanister's
/// `LocationDelete`): the object at the path and everything below it.
public struct LocationDelete: RunnableFunction {
    public static let declaration = FunctionDeclaration(
        name: "LocationDelete",
        summary: "Delete an artifact (an object, or everything under a path) from the object store.",
        arguments: [
            .required("artifact", .string, "Location of the artifact to delete: s3://bucket/path, bucket/path or path in the profile's bucket."),
        ],
        outputs: []
    )

    public static func execute(_ arguments: FunctionArguments, in context: FunctionContext) async throws -> FunctionOutput {
        let name = declaration.name
        var location = try arguments.string("artifact")
        for scheme in ["s3://", "gs://", "azure://", "file://"] where location.hasPrefix(scheme) { location.removeFirst(scheme.count) }
        let access = try RepositoryAccess(function: name, prefix: location, namespace: nil, context: context)
        guard !access.prefix.isEmpty else {
            throw DataMoverError.invalidArgument(function: name, argument: "artifact", reason: "\"\(try arguments.string("artifact"))\" names the whole bucket; name a path in it")
        }
        let store = access.services.store
        let keys = try await store.list(prefix: access.prefix + "/").map(\.key)
        try await store.deleteMany(keys: keys)
        try await store.delete(key: access.prefix)
        context.progress("deleted \(keys.count + 1 > 1 ? "\(keys.count) objects under " : "")\(access.prefix)")
        return .empty
    }
}
