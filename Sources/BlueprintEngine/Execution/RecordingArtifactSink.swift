import NIOCore
import ObjectStore

/// Passes artifacts through to the configured sink and records each one in the
/// run's journal once it is completely stored.
struct RecordingArtifactSink: ArtifactSink {
    var sink: any ArtifactSink
    var journal: RunJournal

    func store<Bytes: AsyncSequence & Sendable>(name: String, data: Bytes) async throws -> StoredArtifact
        where Bytes.Element == ByteBuffer {
        let artifact = try await sink.store(name: name, data: data)
        await journal.update { $0.storedArtifacts.append(artifact) }
        return artifact
    }

    var computesChecksums: Bool { sink.computesChecksums }

    func open(_ artifact: StoredArtifact) async throws -> ByteStream {
        try await sink.open(artifact)
    }
}
