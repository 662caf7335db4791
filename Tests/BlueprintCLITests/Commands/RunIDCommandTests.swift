import Foundation
import Testing

/// `status`, `recover`, `run --from` and `--run-id` take run ids, never paths.
@Suite struct RunIDCommandTests {
    @Test func pathsAreRefusedAsRunIdsWithExitTwo() async throws {
        let cli = CLI()
        // A record outside the state directory that `recover` would otherwise run.
        cli.write("elsewhere.json", #"{"id":"elsewhere"}"#)
        let blueprint = cli.write("bp.yaml", CLI.header + """

              backup:
                phases:
                  - name: hello
                    func: Exec
                    args: {command: [echo, hi]}
            """)
        for arguments in [["status", "../../elsewhere"], ["recover", "../elsewhere"],
                          ["run", "backup", "--blueprint", blueprint, "--from", "../x"],
                          ["run", "backup", "--blueprint", blueprint, "--run-id", "../../x"]] {
            let result = try await cli.run(arguments)
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("is not a run id"), "\(arguments): \(result.stderr)")
        }
        #expect(!cli.exists("x.json"))
    }
}
