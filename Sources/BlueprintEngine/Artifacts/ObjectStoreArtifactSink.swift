import Foundation
import NIOCore
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
        where Bytes.Element == ByteBuffer {
        let object = try await writer.store(name: name, ByteStream(data))
        return StoredArtifact(name: name, location: object.key, size: object.size, checksum: object.sha256)
    }

    /// Opens an artifact of this run or of an earlier one (`--from`); the stream
    /// verifies size and SHA-256 against that run's manifest as it is read.
    /// Objects are hashed as they stream (the manifest holds each SHA-256).
    public var computesChecksums: Bool { true }

    public func open(_ artifact: StoredArtifact) async throws -> ByteStream {
        let components = artifact.location.split(separator: "/")
        let run = components.count >= 2 ? String(components[components.count - 2]) : writer.location.run
        // Pulled: the next chunk is read from the store only when the consumer asks,
        // so a slow restore client holds back the download instead of buffering it.
        return run == writer.location.run
            ? try await artifacts.store.get(key: artifact.location)
            : try await artifacts.open(run: run, name: artifact.name)
    }

    /// Writes the manifest: the run's artifacts become visible as complete.
    @discardableResult
    public func commit(blueprint: String) async throws -> ArtifactManifest {
        try await writer.commit(blueprint: blueprint)
    }
}

