import ArgumentParser
import Foundation
import ObjectStore

struct ArtifactsShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a run's manifest: every artifact with its key, size and sha256.",
        discussion: "A run whose manifest is corrupt is shown as such, with the reason and its objects; the exit status is then 1.")

    @OptionGroup var store: ProfileOptions

    @Argument(help: "The run id.")
    var runID: String

    @Option(help: "Output format: text or json.")
    var output: OutputFormat = .text

    func run() async throws {
        let listing = try await store.withArtifacts { try await $0.find(run: runID) }
        guard let manifest = listing.manifest else {
            try showCorrupt(listing)
            throw ExitCode(1)
        }
        switch output {
        case .json:
            print(String(decoding: try ArtifactManifest.encoder.encode(manifest), as: UTF8.self))
        case .text:
            print("run:        \(manifest.run)")
            print("app:        \(manifest.app)")
            print("action:     \(manifest.action)")
            print("blueprint:  \(manifest.blueprint)")
            print("time:       \(ArtifactManifest.formatTime(manifest.time))")
            print("artifacts:  \(manifest.objects.count) (\(ByteCount.format(manifest.totalSize)))")
            if !manifest.objects.isEmpty {
                print("")
                printTable(
                    header: ["NAME", "SIZE", "SHA256", "KEY"],
                    rows: manifest.objects.map { [$0.name, "\($0.size)", $0.sha256, $0.key] })
            }
        }
    }

    /// What is known without a manifest: where the run is, why its manifest is
    /// not trusted, and the objects in its folder.
    private func showCorrupt(_ listing: RunListing) throws {
        let corruption = listing.corruption
        switch output {
        case .json:
            struct Corrupt: Encodable {
                var run, app, action, status: String
                var manifest: String?
                var reason: String?
                var objects: [ObjectInfo]
            }
            let value = Corrupt(
                run: listing.location.run, app: listing.location.app, action: listing.location.action, status: "corrupt",
                manifest: corruption?.key, reason: corruption?.reason, objects: listing.objects)
            print(String(decoding: try ArtifactManifest.encoder.encode(value), as: UTF8.self))
        case .text:
            print("run:        \(listing.location.run)")
            print("app:        \(listing.location.app)")
            print("action:     \(listing.location.action)")
            print("status:     CORRUPT")
            print("manifest:   \(corruption?.key ?? "?")")
            print("reason:     \(corruption?.reason ?? "unreadable")")
            print("objects:    \(listing.objects.count)")
            if !listing.objects.isEmpty {
                print("")
                printTable(header: ["SIZE", "KEY"], rows: listing.objects.map { ["\($0.size)", $0.key] })
            }
            print("")
            print("its artifacts cannot be verified without a manifest; `blueprint artifacts delete \(listing.location.run)` removes the run")
        }
    }
}
