import ArgumentParser
import Foundation
import NIOCore
import ObjectStore

/// Developer commands for Benchmarks/objectstore-bench.sh: move a generated
/// object through the artifact path (hashing, streaming, multipart) and report
/// throughput. Hidden from help.
struct ArtifactsBenchPut: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-put", abstract: "Store a generated object as a run's artifact (benchmark).",
        shouldDisplay: false)

    @OptionGroup var store: ProfileOptions

    @Option(help: "Bytes to store, e.g. 1GiB.")
    var size: String = "1GiB"

    @Option(name: .customLong("run"), help: "Run id to store under.")
    var runID: String

    func run() async throws {
        guard let total = ByteCount.parse(size) else { throw ValidationError("invalid size \(size)") }
        let started = ContinuousClock.now
        try await store.withArtifacts { artifacts in
            let writer = try await artifacts.writer(app: "bench", action: "bench", run: runID)
            try await writer.store(name: "data.bin", ByteStream.generated(total: total))
            try await writer.commit(blueprint: "bench")
        }
        report(bytes: total, since: started, verb: "put")
    }
}

struct ArtifactsBenchGet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-get", abstract: "Read and verify a run's artifacts (benchmark).", shouldDisplay: false)

    @OptionGroup var store: ProfileOptions

    @Option(name: .customLong("run"), help: "Run id to read.")
    var runID: String

    func run() async throws {
        let started = ContinuousClock.now
        let total = try await store.withArtifacts { artifacts in
            var count: Int64 = 0
            for try await chunk in try await artifacts.open(run: runID, name: "data.bin") {
                count += Int64(chunk.readableBytes)
            }
            return count
        }
        report(bytes: total, since: started, verb: "get")
    }
}

private func report(bytes: Int64, since start: ContinuousClock.Instant, verb: String) {
    let elapsed = ContinuousClock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let rate = Double(bytes) / 1_048_576.0 / max(seconds, 1e-9)
    print("\(verb) \(bytes) bytes in \(String(format: "%.2f", seconds)) s (\(String(format: "%.1f", rate)) MiB/s)")
}

