import Foundation
import Testing

/// `blueprint artifacts …` with one corrupt manifest in the store: the other
/// runs stay usable, the bad one is shown as corrupt, prune skips it and
/// `delete` repairs the store.
@Suite struct ArtifactsCorruptManifestTests {
    @Test func everyArtifactsCommandSurvivesOneCorruptManifestAndDeleteRepairsIt() async throws {
        let cli = CLI()
        let blueprint = cli.write("bp.yaml", CLI.header + """

              backup:
                phases:
                  - name: hello
                    func: Exec
                    args:
                      command: ["true"]
            """)
        for run in ["good", "bad"] {
            let result = try await cli.run(["run", "backup", "--blueprint", blueprint, "--run-id", run])
            #expect(result.status == 0, "stderr: \(result.stderr)")
        }
        let manifest = try #require(findManifest(of: "bad", under: URL(fileURLWithPath: cli.home)), "no manifest for run bad")
        try Data("{\n  \"format\": 1,\n  \"run\": oops\n}\n".utf8).write(to: manifest)

        let list = try await cli.run(["artifacts", "list"])
        #expect(list.status == 0, "stderr: \(list.stderr)")
        #expect(list.stdout.contains("good"))
        #expect(list.stdout.contains("CORRUPT"))
        #expect(list.stdout.contains("corrupt run bad"))
        #expect(list.stdout.contains("line 3"), "the JSON error's position: \(list.stdout)")

        let json = try await cli.run(["artifacts", "list", "--output", "json"])
        #expect(json.status == 0)
        #expect(json.stdout.contains("\"good\""))
        #expect(json.stderr.contains("corrupt run bad"))

        #expect(try await cli.run(["artifacts", "verify", "good"]).status == 0)
        let verifyBad = try await cli.run(["artifacts", "verify", "bad"])
        #expect(verifyBad.status == 1)
        #expect(verifyBad.stdout.contains("CORRUPT run bad"), "\(verifyBad.stdout) \(verifyBad.stderr)")
        let verifyAll = try await cli.run(["artifacts", "verify", "--all"])
        #expect(verifyAll.status == 1)
        #expect(verifyAll.stdout.contains("run good:") && verifyAll.stdout.contains("CORRUPT run bad"), "\(verifyAll.stdout)")

        let show = try await cli.run(["artifacts", "show", "bad"])
        #expect(show.status == 1)
        #expect(show.stdout.contains("status:     CORRUPT"), "\(show.stdout) \(show.stderr)")
        #expect(show.stdout.contains("blueprint artifacts delete bad"))

        let prune = try await cli.run(["artifacts", "prune", "--keep-last", "0", "--older-than", "1ms"])
        #expect(prune.status == 0, "stderr: \(prune.stderr)")
        #expect(prune.stdout.contains("skipped  bad"), "\(prune.stdout)")
        #expect(prune.stdout.contains("1 corrupt run(s) skipped"))
        #expect(FileManager.default.fileExists(atPath: manifest.path), "prune must not delete the corrupt run")

        let delete = try await cli.run(["artifacts", "delete", "bad"])
        #expect(delete.status == 0, "stderr: \(delete.stderr)")
        #expect(delete.stdout.contains("deleted corrupt run bad"))
        #expect(!FileManager.default.fileExists(atPath: manifest.path))
        #expect(try await cli.run(["artifacts", "list"]).stdout.contains("no runs"))
    }

    private func findManifest(of run: String, under root: URL) -> URL? {
        let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            if url.lastPathComponent == "manifest.json", url.deletingLastPathComponent().lastPathComponent == run { return url }
        }
        return nil
    }
}
