import ArgumentParser
import Foundation
import ObjectStore

struct ArtifactsList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List complete runs, newest first.")

    @OptionGroup var store: ProfileOptions

    @Option(help: "Only runs of this application.")
    var app: String?

    @Option(help: "Output format: text or json.")
    var output: OutputFormat = .text

    func run() async throws {
        let manifests = try await store.withArtifacts { try await $0.list(app: app) }
        switch output {
        case .json:
            print(String(decoding: try ArtifactManifest.encoder.encode(manifests), as: UTF8.self))
        case .text:
            if manifests.isEmpty {
                print("no runs")
                return
            }
            let rows = manifests.map {
                [$0.run, $0.app, $0.action, $0.blueprint, ArtifactManifest.formatTime($0.time),
                 "\($0.objects.count)", ByteCount.format($0.totalSize)]
            }
            printTable(header: ["RUN", "APP", "ACTION", "BLUEPRINT", "TIME", "OBJECTS", "SIZE"], rows: rows)
        }
    }
}

/// Prints left-aligned columns separated by two spaces.
func printTable(header: [String], rows: [[String]]) {
    let all = [header] + rows
    let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
    for row in all {
        let cells = row.enumerated().map { index, cell in
            index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
        }
        print(cells.joined(separator: "  "))
    }
}
