import Crypto
import Foundation
import ObjectStore

/// A deduplicating, encrypted data repository on an object store: what a
/// backup writes and a restore reads. It knows nothing of Kubernetes; its input
/// is a tar stream and its output is one.
///
/// No locks: a backup uploads its packs, then its index file, then its
/// snapshot, so a snapshot that exists has everything it names. A run that
/// stops earlier leaves packs no snapshot names, which prune removes after its
/// grace period; nothing a run leaves blocks the next.
public struct Repository: Sendable {
    public let store: any ObjectStore
    let layout: RepositoryLayout
    public let keys: RepositoryKeys
    let config: RepositoryConfig

    /// `store/prefix`, for messages.
    public var location: String { layout.prefix.isEmpty ? store.displayName : "\(store.displayName)/\(layout.prefix)" }

    public var chunker: ChunkerParameters {
        (try? ChunkerParameters(key: keys.identity, minimumSize: config.chunkMinimum, averageSize: config.chunkAverage,
                                maximumSize: config.chunkMaximum)) ?? keys.chunker
    }

    // MARK: Opening

    /// Opens the repository at `prefix` with `encryptionKey`.
    public static func open(store: any ObjectStore, prefix: String, encryptionKey: String) async throws -> Repository {
        let layout = RepositoryLayout(prefix: prefix)
        let location = layout.prefix.isEmpty ? store.displayName : "\(store.displayName)/\(layout.prefix)"
        let config: RepositoryConfig
        do {
            config = try JSONDecoder().decode(RepositoryConfig.self, from: Data(try await read(store, layout.config, limit: 1 << 16)))
        } catch let error as ObjectStoreError {
            if case .notFound = error { throw RepositoryError.notFound(location: location) }
            throw error
        } catch is DecodingError {
            throw RepositoryError.corrupt(location: location, object: "config", reason: "it is not a repository configuration")
        }
        guard config.version == RepositoryConfig.currentVersion else {
            throw RepositoryError.unsupported(location: location, reason: "format version \(config.version); this engine reads version \(RepositoryConfig.currentVersion)")
        }
        var sawKeyFile = false
        for object in try await store.list(prefix: layout.keys) {
            let file: KeyFile
            do {
                file = try JSONDecoder().decode(KeyFile.self, from: Data(try await read(store, object.key, limit: 1 << 16)))
            } catch is DecodingError {
                continue
            }
            sawKeyFile = true
            do {
                let keys = try file.open(encryptionKey: encryptionKey)
                return Repository(store: store, layout: layout, keys: keys, config: config)
            } catch KeyFile.KeyFileError.wrongKey {
                continue
            }
        }
        if !sawKeyFile { throw RepositoryError.corrupt(location: location, object: "keys/", reason: "no key file can be read") }
        throw RepositoryError.wrongKey(location: location)
    }

    /// Creates a repository at `prefix` (refused when one is there).
    public static func create(store: any ObjectStore, prefix: String, encryptionKey: String,
                              chunkSizes: (minimum: Int, average: Int, maximum: Int) = (64 << 10, 256 << 10, 1 << 20),
                              keyDerivationCost: Int = KeyFile.standardLogN) async throws -> Repository {
        let layout = RepositoryLayout(prefix: prefix)
        let keys = RepositoryKeys.random()
        _ = try ChunkerParameters(key: keys.identity, minimumSize: chunkSizes.minimum, averageSize: chunkSizes.average,
                                  maximumSize: chunkSizes.maximum)
        let config = RepositoryConfig(version: RepositoryConfig.currentVersion, id: randomHex(16),
                                      created: Date().timeIntervalSince1970, chunkMinimum: chunkSizes.minimum,
                                      chunkAverage: chunkSizes.average, chunkMaximum: chunkSizes.maximum)
        let keyFile = try KeyFile.seal(keys, encryptionKey: encryptionKey, logN: keyDerivationCost)
        // The key first, the config last: a config that exists has its key.
        try await store.put(key: layout.key(keyFile: randomHex(16)), body: ByteStream(data: Array(try JSONEncoder().encode(keyFile))))
        try await store.put(key: layout.config, body: ByteStream(data: Array(try JSONEncoder().encode(config))))
        return Repository(store: store, layout: layout, keys: keys, config: config)
    }

    /// Opens the repository, creating it when there is none (the first backup).
    public static func openOrCreate(store: any ObjectStore, prefix: String, encryptionKey: String) async throws -> (Repository, created: Bool) {
        do {
            return (try await open(store: store, prefix: prefix, encryptionKey: encryptionKey), false)
        } catch RepositoryError.notFound {
            return (try await create(store: store, prefix: prefix, encryptionKey: encryptionKey), true)
        }
    }

    /// Whether a repository exists at `prefix` (its config is there).
    public static func exists(store: any ObjectStore, prefix: String) async throws -> Bool {
        do {
            _ = try await store.head(key: RepositoryLayout(prefix: prefix).config)
            return true
        } catch let error as ObjectStoreError {
            if case .notFound = error { return false }
            throw error
        }
    }

    // MARK: Index

    /// The index as every index file lists it, and the names of those files.
    public func loadIndex() async throws -> (index: RepositoryIndex, files: [String]) {
        var index = RepositoryIndex()
        var files: [String] = []
        for object in try await store.list(prefix: layout.index) {
            let name = RepositoryLayout.name(object.key)
            let sealed = try await Self.read(store, object.key, limit: 1 << 30)
            do {
                try index.merge(sealed: sealed, keys: keys, name: name)
            } catch {
                throw RepositoryError.corrupt(location: location, object: "index/\(name)", reason: error.description)
            }
            files.append(name)
        }
        return (index, files)
    }

    /// Writes the index of `packs` as a new index file; returns its size.
    func writeIndex(packs: [(name: String, entries: [PackEntry])]) async throws -> Int64 {
        guard !packs.isEmpty else { return 0 }
        var index = RepositoryIndex()
        for pack in packs { index.add(pack: pack.name, entries: pack.entries) }
        let name = Self.randomHex(16)
        let sealed = try index.sealed(keys: keys, name: name)
        try await store.put(key: layout.key(index: name), body: ByteStream(data: sealed))
        return Int64(sealed.count)
    }

    // MARK: Snapshots

    /// Every snapshot, oldest first.
    public func snapshots() async throws -> [Snapshot] {
        var snapshots: [Snapshot] = []
        for object in try await store.list(prefix: layout.snapshots) {
            snapshots.append(try await snapshot(id: RepositoryLayout.name(object.key)))
        }
        return snapshots.sorted { $0.time < $1.time }
    }

    /// The snapshot with this id, or the one with this tag, or the one whose id starts with it (8+ digits).
    public func findSnapshot(_ reference: String) async throws -> Snapshot {
        let all = try await snapshots()
        if let found = all.first(where: { $0.id == reference }) ?? all.first(where: { $0.tag == reference }) { return found }
        let prefixed = reference.count >= 8 ? all.filter { $0.id.hasPrefix(reference) } : []
        if prefixed.count == 1 { return prefixed[0] }
        throw RepositoryError.snapshotNotFound(location: location, reference: reference)
    }

    func snapshot(id: String) async throws -> Snapshot {
        let sealed: [UInt8]
        do {
            sealed = try await Self.read(store, layout.key(snapshot: id), limit: 1 << 20)
        } catch let error as ObjectStoreError {
            if case .notFound = error { throw RepositoryError.snapshotNotFound(location: location, reference: id) }
            throw error
        }
        do {
            let plaintext = try BlobCipher(keys: keys, pack: "snapshot/" + id).open(sealed)
            return try JSONDecoder().decode(Snapshot.self, from: Data(plaintext))
        } catch {
            throw RepositoryError.corrupt(location: location, object: "snapshots/\(id)", reason: "it fails its authentication check or is not a snapshot")
        }
    }

    func writeSnapshot(_ snapshot: Snapshot) async throws -> Int64 {
        let sealed = try BlobCipher(keys: keys, pack: "snapshot/" + snapshot.id).seal(Array(try JSONEncoder().encode(snapshot)))
        try await store.put(key: layout.key(snapshot: snapshot.id), body: ByteStream(data: sealed))
        return Int64(sealed.count)
    }

    /// Removes a snapshot record (its data stays until prune).
    public func forget(_ snapshot: Snapshot) async throws {
        try await store.delete(key: layout.key(snapshot: snapshot.id))
    }

    // MARK: Blobs

    /// One tree, read through the index.
    func tree(_ id: String, index: RepositoryIndex, reader: BlobSource) async throws -> Tree {
        let bytes = try await reader.blob(id, index: index)
        do {
            return try JSONDecoder().decode(Tree.self, from: Data(bytes))
        } catch {
            throw RepositoryError.corrupt(location: location, object: "tree \(id)", reason: "it is not a tree")
        }
    }

    // MARK: Helpers

    static func read(_ store: any ObjectStore, _ key: String, limit: Int) async throws -> [UInt8] {
        let buffer = try await store.get(key: key).collect(upTo: limit)
        return buffer.getBytes(at: buffer.readerIndex, length: buffer.readableBytes) ?? []
    }

    static func randomHex(_ bytes: Int) -> String {
        Hex.string((0..<bytes).map { _ in UInt8.random(in: 0...255) })
    }
}
