import ArgumentParser
import Foundation
import ObjectStore

struct ArtifactsShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a run's manifest: every artifact with its key, size and sha256.")

    @OptionGroup var store: ProfileOptions

    @Argument(help: "The run id.")
    var runID: String

    @Option(help: "Output format: text or json.")
    var output: OutputFormat = .text

    func run() async throws {
        let manifest = try await store.withArtifacts { try await $0.manifest(run: runID) }
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
}
