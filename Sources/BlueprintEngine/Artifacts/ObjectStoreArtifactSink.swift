import Foundation
import ObjectStore

/// The artifact sink of a run backed by the object store: objects land under
/// `<prefix>/<app>/<action>/<run>/`, each with its SHA-256, and the run's manifest
/// is written by ``commit(blueprint:)`` only after the action succeeded — so an
/// interrupted or failed run is never listed as complete (promise 2).
public struct ObjectStoreArtifactSink: ArtifactSink {
    public let artifacts: ArtifactStore
    public let writer: ArtifactWriter

    public init(artifacts: ArtifactStore, writer: ArtifactWriter) {
        self.artifacts = artifacts
        self.writer = writer
    }

    public func store<Bytes: AsyncSequence & Sendable>(name: String, data: Bytes) async throws -> StoredArtifact
        where Bytes.Element == [UInt8] {
        let object = try await writer.store(name: name, ByteStream(bytes: data))
        return StoredArtifact(name: name, location: object.key, size: object.size, checksum: object.sha256)
    }

    /// Opens an artifact of this run or of an earlier one (`--from`); the stream
    /// verifies size and SHA-256 against that run's manifest as it is read.
    public func open(_ artifact: StoredArtifact) async throws -> AsyncThrowingStream<[UInt8], any Error> {
        let components = artifact.location.split(separator: "/")
        let run = components.count >= 2 ? String(components[components.count - 2]) : writer.location.run
        let stream = run == writer.location.run
            ? try await artifacts.store.get(key: artifact.location)
            : try await artifacts.open(run: run, name: artifact.name)
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    for try await chunk in stream { continuation.yield(Array(chunk.readableBytesView)) }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// Writes the manifest: the run's artifacts become visible as complete.
    @discardableResult
    public func commit(blueprint: String) async throws -> ArtifactManifest {
        try await writer.commit(blueprint: blueprint)
    }
}
