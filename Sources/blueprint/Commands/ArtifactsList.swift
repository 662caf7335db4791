import ArgumentParser
import Foundation
import ObjectStore

struct ArtifactsList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List complete runs, newest first.",
        discussion: """
            A run whose manifest cannot be read or does not match its folder is listed as CORRUPT (in text output; \
            JSON output lists complete runs only and reports corrupt ones on stderr), so one bad manifest does not \
            hide the other runs. `blueprint artifacts delete RUN` removes a corrupt run.
            """)

    @OptionGroup var store: ProfileOptions

    @Option(help: "Only runs of this application.")
    var app: String?

    @Option(help: "Output format: text or json.")
    var output: OutputFormat = .text

    func run() async throws {
        let runs = try await store.withArtifacts { try await $0.scan(app: app) }
        let manifests = runs.compactMap(\.manifest).sorted { $0.time > $1.time }
        let corrupt = runs.filter(\.isCorrupt).sorted { $0.newestObjectTime > $1.newestObjectTime }
        switch output {
        case .json:
            print(String(decoding: try ArtifactManifest.encoder.encode(manifests), as: UTF8.self))
            for run in corrupt { writeStandardError(corruptLine(run)) }
        case .text:
            if manifests.isEmpty && corrupt.isEmpty {
                print("no runs")
                return
            }
            var rows = manifests.map {
                [$0.run, $0.app, $0.action, $0.blueprint, ArtifactManifest.formatTime($0.time),
                 "\($0.objects.count)", ByteCount.format($0.totalSize)]
            }
            rows += corrupt.map {
                [$0.location.run, $0.location.app, $0.location.action, "CORRUPT", ArtifactManifest.formatTime($0.newestObjectTime),
                 "\($0.objects.count)", ByteCount.format($0.objects.reduce(0) { $0 + $1.size })]
            }
            printTable(header: ["RUN", "APP", "ACTION", "BLUEPRINT", "TIME", "OBJECTS", "SIZE"], rows: rows)
            if !corrupt.isEmpty {
                print("")
                for run in corrupt { print(corruptLine(run)) }
            }
        }
    }

    private func corruptLine(_ run: RunListing) -> String {
        let reason = run.corruption.map(\.description) ?? "manifest unreadable"
        return "corrupt run \(run.location.run) (\(run.location.app)/\(run.location.action)): \(reason); "
            + "`blueprint artifacts delete \(run.location.run)` removes it"
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

/// A line on stderr; a closed stderr is not worth dying for.
private func writeStandardError(_ line: String) {
    try? FileHandle.standardError.write(contentsOf: Data((line + "\n").utf8))
}
