import ArgumentParser
import ObjectStore

struct ArtifactsVerify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Re-read every artifact of a run and check its size and sha256 against the manifest.",
        discussion: """
            Exits with status 1 and names each corrupt or missing artifact. With --all, every run is verified; \
            a run whose manifest is corrupt is reported as such and the others are still verified.
            """)

    @OptionGroup var store: ProfileOptions

    @Argument(help: "The run id.")
    var runID: String?

    @Flag(help: "Verify every run.")
    var all = false

    func validate() throws {
        if (runID == nil) == !all { throw ValidationError("give a run id or --all") }
    }

    func run() async throws {
        let healthy = try await store.withArtifacts { (artifacts: ArtifactStore) async throws -> Bool in
            if let runID {
                let listing = try await artifacts.find(run: runID)
                return try await verify(listing, in: artifacts)
            }
            var healthy = true
            for listing in try await artifacts.scan() where listing.isComplete || listing.isCorrupt {
                healthy = try await verify(listing, in: artifacts) && healthy
            }
            return healthy
        }
        if !healthy { throw ExitCode(1) }
    }

    /// Prints one line per artifact and a summary; false if anything is wrong.
    private func verify(_ listing: RunListing, in artifacts: ArtifactStore) async throws -> Bool {
        let run = listing.location.run
        guard let manifest = listing.manifest else {
            let reason = listing.corruption.map(\.description) ?? "manifest unreadable"
            print("CORRUPT run \(run) (\(listing.location.app)/\(listing.location.action)): \(reason); "
                  + "`blueprint artifacts delete \(run)` removes it")
            return false
        }
        let report = try await artifacts.verify(manifest)
        for result in report.results {
            if let problem = result.problem {
                print("FAILED  \(result.object.name): \(problem)")
            } else {
                print("ok      \(result.object.name) (\(result.object.size) bytes, sha256 \(result.object.sha256))")
            }
        }
        if report.isValid {
            print("run \(run): \(report.results.count) artifact(s) verified")
        } else {
            let bad = report.results.filter { $0.problem != nil }.map(\.object.name)
            print("run \(run): \(bad.count) of \(report.results.count) artifact(s) failed verification: \(bad.joined(separator: ", "))")
        }
        return report.isValid
    }
}
