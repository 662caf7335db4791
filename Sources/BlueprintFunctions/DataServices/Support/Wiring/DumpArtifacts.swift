import BlueprintEngine
import NIOCore

/// Moving dumps between the database clients and the run's artifact sink.
enum DumpArtifacts {
    /// Streams the dump into the sink under `name`; the outputs every dump
    /// function declares: `artifact`, `bytes`, `sha256`.
    static func store(_ dump: DumpStream, name: String, in context: FunctionContext) async throws -> FunctionOutput {
        context.progress("\(dump.tool) → artifact \(name)")
        var dump = dump
        dump.hashes = !context.artifacts.computesChecksums
        let result = try await dump.run { chunks in
            try await context.artifacts.store(name: name, data: chunks)
        }
        return FunctionOutput([
            "artifact": .string(result.value.name),
            "bytes": .int(Int(result.summary.bytes)),
            "sha256": .string(result.value.checksum ?? result.summary.sha256),
        ])
    }

    /// Finds the artifact `name` (stored earlier in this run, else by the `--from`
    /// run) and feeds it to
    /// the restore client, checking its SHA-256 when the sink recorded one.
    static func restore(_ restore: RestoreStream, artifact name: String, in context: FunctionContext) async throws -> FunctionOutput {
        guard let artifact = await context.artifact(named: name) else {
            let known = await context.runArtifacts.knownNames
            throw FunctionError.permanent(
                "no stored artifact `\(name)` to restore from; "
                + (known.isEmpty ? "store it in an earlier phase, or run with --from <a backup run that stored it>"
                                 : "the --from run stored: \(known.joined(separator: ", "))"))
        }
        context.progress("artifact \(artifact.name) → \(restore.tool)")
        let source = try await context.artifacts.open(artifact)
        let summary = try await restore.run(from: source, expectedSHA256: artifact.checksum, size: artifact.size)
        return FunctionOutput(["bytes": .int(Int(summary.bytes))])
    }
}
