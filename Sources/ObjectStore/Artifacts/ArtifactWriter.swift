import Foundation

/// Stores the artifacts of one run, then commits them with a manifest.
///
/// The manifest is written only by `commit`, after every `store` has returned,
/// so a run that fails half-way leaves objects without a manifest: readers treat
/// it as incomplete and `prune` removes it once it is old.
public actor ArtifactWriter {
    public nonisolated let location: RunLocation
    let objectStore: any ObjectStore
    let prefix: String
    private var objects: [ArtifactManifest.Object] = []
    private var committed = false

    init(store: any ObjectStore, prefix: String, location: RunLocation) {
        self.objectStore = store
        self.prefix = prefix
        self.location = location
    }

    /// Streams `body` into the store as artifact `name`, computing its SHA-256
    /// and size on the way. Returns the record that goes into the manifest.
    @discardableResult
    public func store(name: String, _ body: ByteStream) async throws -> ArtifactManifest.Object {
        guard !committed else { throw ArtifactError.alreadyCommitted(run: location.run) }
        try RunLocation.validate(artifactName: name)
        guard !objects.contains(where: { $0.name == name }) else {
            throw ArtifactError.duplicateArtifact(run: location.run, name: name)
        }
        let key = location.key(prefix: prefix, name: name)
        let digest = StreamDigest()
        try await objectStore.put(key: key, body: body.digesting(into: digest))
        let (sha256, size) = digest.finish()
        let record = ArtifactManifest.Object(name: name, key: key, size: size, sha256: sha256)
        objects.append(record)
        return record
    }

    /// Writes the manifest, which makes the run complete.
    @discardableResult
    public func commit(blueprint: String, time: Date = Date()) async throws -> ArtifactManifest {
        guard !committed else { throw ArtifactError.alreadyCommitted(run: location.run) }
        let manifest = ArtifactManifest(
            run: location.run, blueprint: blueprint, action: location.action, app: location.app,
            time: time, objects: objects)
        let data = try ArtifactManifest.encoder.encode(manifest)
        try await objectStore.put(key: location.manifestKey(prefix: prefix), body: ByteStream(data: data))
        committed = true
        return manifest
    }

    /// What has been stored so far.
    public var stored: [ArtifactManifest.Object] { objects }
}
