import BlueprintEngine
import BlueprintModel

/// Send an HTTP request (e.g. to notify or to ask an application to quiesce) and check its status (our extension, not in Kanister).
public struct Webhook: BlueprintFunction {
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
            .optional("insecureSkipVerify", .bool, default: "false", "Skip TLS certificate verification."),
            .optional("caCert", .string, "PEM certificate(s) of the CA to trust for this call."),
        ],
        outputs: ["status", "body"],
        origin: .blueprint
    )
}
