import Foundation

/// Produces the `Authorization` header of each request from the configured credentials.
struct Authenticator: Sendable {
    let credentials: Credentials
    let plugin: ExecCredentialPlugin?

    init(configuration: ClientConfiguration) {
        credentials = configuration.credentials
        if case .exec(let exec) = configuration.credentials {
            plugin = ExecCredentialPlugin(
                config: exec, userName: configuration.userName, server: configuration.server,
                certificateAuthorityPEM: configuration.tls.certificateAuthorityPEM)
        } else {
            plugin = nil
        }
    }

    /// The header value, or nil when the user authenticates by certificate only (or not at all).
    func authorization(user: String) async throws -> String? {
        switch credentials {
        case .none:
            return nil
        case .bearerToken(let token):
            return "Bearer \(token)"
        case .bearerTokenFile(let path):
            guard let data = FileManager.default.contents(atPath: path) else {
                throw KubeConfigError.unreadableReferencedFile(field: "tokenFile", path: path, owner: "user \"\(user)\"")
            }
            return "Bearer \(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))"
        case .basic(let username, let password):
            return "Basic \(Data("\(username):\(password)".utf8).base64EncodedString())"
        case .exec:
            guard let plugin else { return nil }
            return try await plugin.credential().token.map { "Bearer \($0)" }
        }
    }

    /// True when a 401 may be cured by asking the plugin again (the cached token may have been revoked).
    func refreshAfterUnauthorized() async -> Bool {
        guard let plugin else { return false }
        await plugin.invalidate()
        return true
    }
}
