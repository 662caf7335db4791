import ArgumentParser
import ObjectStore

struct ArtifactsVerify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Re-read every artifact of a run and check its size and sha256 against the manifest.",
        discussion: "Exits with status 1 and names each corrupt or missing artifact.")

    @OptionGroup var store: ProfileOptions

    @Argument(help: "The run id.")
    var runID: String

    func run() async throws {
        let report = try await store.withArtifacts { try await $0.verify(run: runID) }
        for result in report.results {
            if let problem = result.problem {
                print("FAILED  \(result.object.name): \(problem)")
            } else {
                print("ok      \(result.object.name) (\(result.object.size) bytes, sha256 \(result.object.sha256))")
            }
        }
        if report.isValid {
            print("run \(runID): \(report.results.count) artifact(s) verified")
        } else {
            let bad = report.results.filter { $0.problem != nil }.map(\.object.name)
            print("run \(runID): \(bad.count) of \(report.results.count) artifact(s) failed verification: \(bad.joined(separator: ", "))")
            throw ExitCode(1)
        }
    }
}
