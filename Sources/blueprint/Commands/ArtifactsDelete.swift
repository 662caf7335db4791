import ArgumentParser
import ObjectStore

struct ArtifactsDelete: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete a run: its manifest first, then its artifacts.",
        discussion: "A run whose manifest is corrupt is deleted too: every object in its folder is removed.")

    @OptionGroup var store: ProfileOptions

    @Argument(help: "The run id.")
    var runID: String

    func run() async throws {
        let listing = try await store.withArtifacts { try await $0.delete(run: runID) }
        let what = listing.isCorrupt ? "corrupt run" : "run"
        print("deleted \(what) \(runID) (\(listing.location.app)/\(listing.location.action), \(listing.objects.count) object(s))")
    }
}
