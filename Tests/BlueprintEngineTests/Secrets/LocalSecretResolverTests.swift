import Foundation
import Testing
@testable import BlueprintEngine

/// Reading secrets again from their sources: what `recover` relies on.
@Suite struct LocalSecretResolverTests {
    let folder: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("secrets-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    func write(_ name: String, _ text: String) -> String {
        let path = folder.appendingPathComponent(name).path
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    @Test(arguments: [("s3cret-value\n", "s3cret-value"), ("s3cret-value\r\n", "s3cret-value"),
                      ("s3cret-value", "s3cret-value"), ("line-one\nline-two\n\n", "line-one\nline-two\n")])
    func aFileLosesOneTrailingNewline(content: String, expected: String) throws {
        let path = write("token", content)
        #expect(try LocalSecretResolver.read(.optionFile(option: "token", path: path)) == expected)
    }

    @Test func aDirectoryOrAHugeFileIsRefusedNamingThePath() throws {
        #expect(throws: SecretResolutionError.self) { try LocalSecretResolver.read(.optionFile(option: "t", path: folder.path)) }
        do {
            _ = try LocalSecretResolver.read(.optionFile(option: "t", path: folder.path))
        } catch {
            #expect(error.description == "cannot read option `t` from file \(folder.path) again: \(folder.path) is not a regular file")
        }
        let huge = write("huge", String(repeating: "x", count: (1 << 20) + 1))
        do {
            _ = try LocalSecretResolver.read(.optionFile(option: "t", path: huge))
            Issue.record("a 1 MiB + 1 file was read as a secret")
        } catch {
            #expect(error.description.hasSuffix("is larger than 1 MiB; a secret file holds one value"))
        }
    }

    @Test func anAppFileReferenceIsReadAgainByItsKeyPath() throws {
        let app = write("app.yaml", """
            kind: Deployment
            metadata: {name: web}
            secrets:
              creds: {password: pa55-word-1}
            profile: {Credential: {KeyPair: {ID: AK, Secret: pr0file-key}}}
            """)
        let target = try LocalTarget.load(appFile: app, options: [])
        let byReference = Dictionary(target.secretValues.map { ($0.reference, $0.value) }, uniquingKeysWith: { a, _ in a })
        #expect(byReference == [
            .appFile(path: app, keyPath: ["secrets", "creds", "password"]): "pa55-word-1",
            .appFile(path: app, keyPath: ["profile", "Credential", "KeyPair", "Secret"]): "pr0file-key",
        ])
        for (reference, value) in byReference {
            #expect(try LocalSecretResolver.read(reference) == value)
        }
        _ = write("app.yaml", "kind: Deployment\nmetadata: {name: web}\n")
        do {
            _ = try LocalSecretResolver.read(.appFile(path: app, keyPath: ["secrets", "creds", "password"]))
            Issue.record("a removed key resolved")
        } catch {
            #expect(error.description == "cannot read `secrets.creds.password` of app file \(app) again: the app file has no `secrets.creds.password`")
        }
    }
}
