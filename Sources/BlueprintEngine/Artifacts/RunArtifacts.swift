import NIOCore
import ObjectStore

/// The artifacts one run can read: those it stored so far and those of the
/// `--from` run, found by one rule whatever function asks (KubeExec's
/// `inputArtifact`, PgRestore's `artifact`, …):
///
/// 1. the latest artifact of that name stored by this run;
/// 2. else the `--from` run's artifact of that name;
/// 3. else the `--from` run's artifact stored at that location (`.ArtifactsIn`
///    may carry either a name or a location).
///
/// Every store through ``FunctionContext/artifacts`` is recorded here (once
/// every byte is stored), so a PgDump artifact feeds a later KubeExec and the
/// reverse; the executor also hears of it to journal it.
public actor RunArtifacts {
    public let inputs: [StoredArtifact]
    public private(set) var stored: [StoredArtifact] = []
    private let onRecord: @Sendable (StoredArtifact) async -> Void

    public init(inputs: [StoredArtifact] = [], onRecord: @escaping @Sendable (StoredArtifact) async -> Void = { _ in }) {
        self.inputs = inputs
        self.onRecord = onRecord
    }

    public func record(_ artifact: StoredArtifact) async {
        stored.append(artifact)
        await onRecord(artifact)
    }

    public func artifact(named name: String) -> StoredArtifact? {
        stored.last { $0.name == name }
            ?? inputs.last { $0.name == name }
            ?? inputs.last { $0.location == name }
    }

    /// Names a missing-artifact error can offer instead.
    public var knownNames: [String] {
        var seen = Set<String>()
        return (stored + inputs).map(\.name).filter { seen.insert($0).inserted }
    }
}

/// The sink functions see: stores through the run's sink, then records the
/// artifact in the run's index (only once every byte is stored).
struct IndexedArtifactSink: ArtifactSink {
    var base: any ArtifactSink
    var index: RunArtifacts

    func store<Bytes: AsyncSequence & Sendable>(name: String, data: Bytes) async throws -> StoredArtifact
        where Bytes.Element == ByteBuffer {
        let artifact = try await base.store(name: name, data: data)
        await index.record(artifact)
        return artifact
    }

    var computesChecksums: Bool { base.computesChecksums }

    func open(_ artifact: StoredArtifact) async throws -> ByteStream {
        try await base.open(artifact)
    }
}
