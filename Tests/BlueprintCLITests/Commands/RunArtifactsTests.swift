import Foundation
import Testing

/// A run's artifacts reach the object store (the default filesystem store under
/// the state directory) and its manifest is written only when the action succeeds.
@Suite struct RunArtifactsTests {
    @Test func aSucceededRunHasAManifestAFailedRunHasNone() async throws {
        let cli = CLI()
        let blueprint = cli.write("bp.yaml", CLI.header + """

              backup:
                phases:
                  - name: hello
                    func: Exec
                    args:
                      command: ["true"]
              broken:
                phases:
                  - name: fails
                    func: Exec
                    args:
                      command: ["false"]
            """)
        let ok = try await cli.run(["run", "backup", "--blueprint", blueprint, "--run-id", "good"])
        #expect(ok.status == 0, "stderr: \(ok.stderr)")
        let failed = try await cli.run(["run", "broken", "--blueprint", blueprint, "--run-id", "bad"])
        #expect(failed.status == 1)

        let listing = try await cli.run(["artifacts", "list", "--output", "json"])
        #expect(listing.status == 0, "stderr: \(listing.stderr)")
        #expect(listing.stdout.contains("\"good\""), "the succeeded run is listed: \(listing.stdout)")
        #expect(!listing.stdout.contains("\"bad\""), "a failed run has no manifest: \(listing.stdout)")
    }
}
