import BlueprintEngine
import BlueprintModel

/// Send an HTTP request (e.g. to notify or to ask an application to quiesce) and check its status (our extension, not in Kanister).
public struct Webhook: RunnableFunction {
    public static let declaration = FunctionDeclaration(
        name: "Webhook",
        summary: "Send an HTTP request (e.g. to notify or to ask an application to quiesce) and check its status.",
        arguments: [
            .required("url", .string, "URL to call."),
            .optional("method", .oneOf(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"]), default: "POST", "HTTP method."),
            .optional("headers", .map(.string), "Request headers."),
            .optional("body", .string, "Request body."),
            .optional("expectStatus", .list(.int), "Status codes counted as success; any 2xx status by default."),
            .optional("timeout", .duration, default: "30s", "Time limit for the whole request."),
            .optional("connectTimeout", .duration, default: "10s", "Time limit for the connection to be accepted (within timeout)."),
            .optional("readTimeout", .duration, "Time the receiver may stay silent before the call fails; by default only timeout limits it."),
            .optional("insecureSkipVerify", .bool, default: "false", "Skip TLS certificate verification."),
            .optional("caCert", .string, "PEM certificate(s) of the CA to trust for this call."),
        ],
        outputs: ["status", "body"],
        origin: .blueprint,
    )

    public static func execute(_ arguments: FunctionArguments, in context: FunctionContext) async throws -> FunctionOutput {
        var expected: Set<Int>?
        if let statuses = try arguments.optionalStringList("expectStatus") {
            expected = Set(try statuses.map { text throws(FunctionError) -> Int in
                guard let status = Int(text) else {
                    throw .invalidArgument(function: declaration.name, argument: "expectStatus",
                                           expected: "a list of HTTP status codes", found: "\"\(text)\"")
                }
                return status
            })
        }
        var headers: [String: String] = [:]
        if try arguments.has("headers") { headers = try arguments.stringMap("headers") }
        let connectTimeout = try positive(arguments.duration("connectTimeout"), "connectTimeout")
        var readTimeout: Duration?
        if try arguments.has("readTimeout") { readTimeout = try positive(arguments.duration("readTimeout"), "readTimeout") }
        let request = WebhookRequest(
            method: try arguments.string("method"), url: try arguments.string("url"),
            headers: headers,
            body: try arguments.optionalString("body"), expectStatus: expected,
            timeout: try arguments.duration("timeout").swiftDuration,
            connectTimeout: connectTimeout, readTimeout: readTimeout,
            insecureSkipVerify: try arguments.bool("insecureSkipVerify"),
            caCertPEM: try arguments.optionalString("caCert"))
        let response = try await WebhookCall.send(request)
        context.progress("\(request.method) \(request.displayURL) → \(response.status)")
        return FunctionOutput(["status": .int(response.status), "body": .string(response.body)])
    }

    /// A zero limit would fail every call; say so instead.
    private static func positive(_ value: BlueprintDuration, _ name: String) throws(FunctionError) -> Duration {
        let duration = value.swiftDuration
        guard duration > .zero else {
            throw .invalidArgument(function: declaration.name, argument: name, expected: "a duration longer than 0, such as \"5s\"",
                                   found: "\"\(value)\"")
        }
        return duration
    }
}
