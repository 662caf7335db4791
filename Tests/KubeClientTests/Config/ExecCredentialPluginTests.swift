import Foundation
import Testing
@testable import KubeClient

/// Runs real plugin scripts, as kubectl would.
@Suite struct ExecCredentialPluginTests {
    let dir: String

    init() throws {
        dir = NSTemporaryDirectory() + "exec-plugin-tests-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    /// A plugin that counts its runs, echoes its inputs into the token and expires as told.
    func plugin(expiration: String?, apiVersion: String = "client.authentication.k8s.io/v1") throws -> String {
        let path = "\(dir)/plugin.sh"
        let expiry = expiration.map { ",\"expirationTimestamp\":\"\($0)\"" } ?? ""
        let script = """
            #!/bin/sh
            echo run >> "\(dir)/runs"
            n=$(wc -l < "\(dir)/runs" | tr -d ' ')
            printf '%s' "$KUBERNETES_EXEC_INFO" > "\(dir)/info"
            printf '{"apiVersion":"\(apiVersion)","kind":"ExecCredential","status":{"token":"tok-%s-%s-%s"\(expiry)}}' "$REGION" "$1" "$n"
            """
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    @Test func tokenIsCachedUntilExpiry() async throws {
        let path = try plugin(expiration: "2999-01-01T00:00:00Z")
        let config = ExecConfig(command: path, args: ["a1"], env: [.init(name: "REGION", value: "eu")])
        let provider = ExecCredentialPlugin(config: config, userName: "u", server: "https://s")
        let first = try await provider.credential()
        let second = try await provider.credential()
        #expect(first.token == "tok-eu-a1-1")
        #expect(second.token == "tok-eu-a1-1")
        let info = try JSONValue(parsing: String(contentsOfFile: "\(dir)/info", encoding: .utf8))
        #expect(info["kind"] == "ExecCredential")
        #expect(info["apiVersion"] == "client.authentication.k8s.io/v1")
        #expect(info["spec"]?["interactive"] == false)
    }

    @Test func expiredCredentialRunsThePluginAgain() async throws {
        let path = try plugin(expiration: "2020-01-01T00:00:00Z")
        let provider = ExecCredentialPlugin(config: ExecConfig(command: path, args: ["x"]), userName: "u", server: "https://s")
        #expect(try await provider.credential().token == "tok--x-1")
        #expect(try await provider.credential().token == "tok--x-2")
    }

    @Test func invalidateForcesANewRun() async throws {
        let path = try plugin(expiration: nil)
        let provider = ExecCredentialPlugin(config: ExecConfig(command: path, args: ["x"]), userName: "u", server: "https://s")
        _ = try await provider.credential()
        await provider.invalidate()
        #expect(try await provider.credential().token == "tok--x-2")
    }

    @Test func v1beta1PluginsWork() async throws {
        let version = "client.authentication.k8s.io/v1beta1"
        let path = try plugin(expiration: nil, apiVersion: version)
        let provider = ExecCredentialPlugin(
            config: ExecConfig(command: path, args: ["b"], apiVersion: version), userName: "u", server: "https://s")
        #expect(try await provider.credential().token == "tok--b-1")
    }

    @Test func failingPluginReportsExitAndStderrButNoOutput() async throws {
        let path = "\(dir)/fail.sh"
        try "#!/bin/sh\necho 'secret-ish stdout'\necho 'login expired' >&2\nexit 4\n".write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        let provider = ExecCredentialPlugin(config: ExecConfig(command: path), userName: "alice", server: "https://s")
        do {
            _ = try await provider.credential()
            Issue.record("expected the plugin to fail")
        } catch let error as KubeConfigError {
            let text = error.description
            #expect(text.contains("alice"))
            #expect(text.contains("exit status 4"))
            #expect(text.contains("login expired"))
            #expect(!text.contains("secret-ish"))
        }
    }

    @Test func parseReadsClientCertificateAndExpiry() throws {
        let json: JSONValue = [
            "apiVersion": "client.authentication.k8s.io/v1", "kind": "ExecCredential",
            "status": ["clientCertificateData": "CERT", "clientKeyData": "KEY", "expirationTimestamp": "2030-05-06T07:08:09Z"],
        ]
        let credential = try ExecCredentialPlugin.parse(
            json, expectedAPIVersion: "client.authentication.k8s.io/v1", fail: { .execPluginFailed(user: "u", command: "c", reason: $0) })
        #expect(credential.clientCertificatePEM == Array("CERT".utf8))
        #expect(credential.clientKeyPEM == Array("KEY".utf8))
        #expect(credential.token == nil)
        #expect(credential.expiration == Date(timeIntervalSince1970: 1_904_281_689))
    }
}
