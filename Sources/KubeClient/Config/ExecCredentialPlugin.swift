import Foundation

/// Runs a client-go credential plugin (`users[].user.exec`) and caches what it
/// returns until its `expirationTimestamp`, as kubectl does.
///
/// The plugin gets `KUBERNETES_EXEC_INFO` with a non-interactive ExecCredential
/// spec and must print an ExecCredential (`client.authentication.k8s.io/v1` or
/// `v1beta1`) whose status holds a token or a client certificate and key.
/// Its stdout is a secret: it is parsed, never logged or put into errors.
public actor ExecCredentialPlugin {
    /// What a plugin returned.
    public struct Credential: Sendable, Equatable {
        public var token: String?
        public var clientCertificatePEM: [UInt8]?
        public var clientKeyPEM: [UInt8]?
        public var expiration: Date?
    }

    let config: ExecConfig
    let userName: String
    let server: String
    let certificateAuthorityPEM: [UInt8]?
    private var cached: Credential?

    public init(config: ExecConfig, userName: String, server: String, certificateAuthorityPEM: [UInt8]? = nil) {
        self.config = config
        self.userName = userName
        self.server = server
        self.certificateAuthorityPEM = certificateAuthorityPEM
    }

    /// The cached credential while it is valid, else a fresh one from the plugin.
    public func credential(now: Date = Date()) async throws -> Credential {
        if let cached, cached.expiration.map({ $0 > now.addingTimeInterval(10) }) ?? true {
            return cached
        }
        let fresh = try await run()
        cached = fresh
        return fresh
    }

    /// Forgets the cached credential, e.g. after the server answered 401 to it.
    public func invalidate() {
        cached = nil
    }

    private func fail(_ reason: String) -> KubeConfigError {
        .execPluginFailed(user: userName, command: config.command, reason: reason)
    }

    private func run() async throws -> Credential {
        var spec: JSONValue = ["interactive": false]
        if config.provideClusterInfo {
            var cluster: JSONValue = ["server": .string(server)]
            if let ca = certificateAuthorityPEM {
                cluster["certificate-authority-data"] = .string(Data(ca).base64EncodedString())
            }
            spec["cluster"] = cluster
        }
        let info: JSONValue = ["apiVersion": .string(config.apiVersion), "kind": "ExecCredential", "spec": spec]
        var environment = ProcessInfo.processInfo.environment
        for variable in config.env { environment[variable.name] = variable.value }
        environment["KUBERNETES_EXEC_INFO"] = try info.jsonString()

        let output: ProcessOutput
        do {
            output = try await ProcessOutput.run(command: config.command, arguments: config.args, environment: environment)
        } catch {
            let hint = config.installHint.map { ": \($0)" } ?? ""
            throw fail("cannot run it (\(error))\(hint)")
        }
        guard output.status == 0 else {
            let stderr = String(decoding: output.stderr.suffix(1024), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            throw fail("exit status \(output.status)\(stderr.isEmpty ? "" : ": \(stderr)")")
        }
        guard let json = try? JSONValue(parsing: output.stdout) else {
            throw fail("its output is not an ExecCredential JSON document")
        }
        return try Self.parse(json, expectedAPIVersion: config.apiVersion, fail: fail)
    }

    static func parse(_ json: JSONValue, expectedAPIVersion: String, fail: (String) -> KubeConfigError) throws
        -> Credential
    {
        guard json["kind"]?.stringValue == "ExecCredential" else { throw fail("output kind is not ExecCredential") }
        if let version = json["apiVersion"]?.stringValue, version != expectedAPIVersion {
            throw fail("output apiVersion \(version) does not match the configured \(expectedAPIVersion)")
        }
        guard let status = json["status"] else { throw fail("output has no status") }
        var credential = Credential()
        credential.token = status["token"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        credential.clientCertificatePEM = status["clientCertificateData"]?.stringValue.map { Array($0.utf8) }
        credential.clientKeyPEM = status["clientKeyData"]?.stringValue.map { Array($0.utf8) }
        if let stamp = status["expirationTimestamp"]?.stringValue {
            guard let date = RFC3339.parse(stamp) else { throw fail("expirationTimestamp \(stamp) is not RFC 3339") }
            credential.expiration = date
        }
        if credential.token == nil, credential.clientCertificatePEM == nil {
            throw fail("output status has neither token nor clientCertificateData")
        }
        if (credential.clientCertificatePEM == nil) != (credential.clientKeyPEM == nil) {
            throw fail("output status has only one of clientCertificateData and clientKeyData")
        }
        return credential
    }
}

/// RFC 3339 timestamps as Kubernetes writes them (with or without fractional seconds).
enum RFC3339 {
    static func parse(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }
}
