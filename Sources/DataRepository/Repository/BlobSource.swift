import ObjectStore

/// Reads blobs out of packs for a restore or a check: a blob of a pack not
/// held is a ranged GET of just that blob, unless the caller expects to need
/// much of the pack, when the whole pack is read once and kept (the
/// ``cachedPacks`` used last, so memory stays at a few packs: the pack of the
/// trees, which a restore returns to at every directory, and the packs of
/// the files being written).
actor BlobSource {
    private let repository: Repository
    /// Read whole packs (a restore of many files needs most of each pack it touches).
    private let wholePacks: Bool
    private var cache: [(name: String, bytes: [UInt8])] = []
    static let cachedPacks = 3
    /// Every pack read from, for reports (and the single-file read bound).
    private(set) var packsRead: Set<String> = []
    private(set) var bytesRead: Int64 = 0

    init(repository: Repository, wholePacks: Bool) {
        self.repository = repository
        self.wholePacks = wholePacks
    }

    func blob(_ id: String, index: RepositoryIndex) async throws -> [UInt8] {
        guard let location = index.location(of: id) else {
            throw RepositoryError.corrupt(location: repository.location, object: "blob \(id)", reason: "no index file lists it")
        }
        let reader = PackReader(keys: repository.keys, name: location.pack)
        let key = repository.layout.key(pack: location.pack)
        packsRead.insert(location.pack)
        do {
            if let position = cache.firstIndex(where: { $0.name == location.pack }) {
                let cached = cache.remove(at: position)
                cache.append(cached)  // most recently used last
                return try reader.blob(location.entry, in: cached.bytes)
            }
            if wholePacks {
                let bytes = try await Repository.read(repository.store, key, limit: 1 << 30)
                bytesRead += Int64(bytes.count)
                cache.append((location.pack, bytes))
                if cache.count > Self.cachedPacks { cache.removeFirst() }
                return try reader.blob(location.entry, in: bytes)
            }
            let start = Int64(location.entry.offset)
            let sealed = try await repository.store.get(key: key, range: start..<(start + Int64(location.entry.length)))
            bytesRead += Int64(sealed.count)
            guard sealed.count == location.entry.length else { throw PackError.truncated(pack: location.pack) }
            return try reader.blob(location.entry, sealed: sealed)
        } catch let error as ObjectStoreError {
            if case .notFound = error {
                throw RepositoryError.corrupt(location: repository.location, object: "pack \(location.pack)", reason: "it is missing")
            }
            throw error
        } catch let error as PackError {
            throw RepositoryError.corrupt(location: repository.location, object: "pack \(location.pack)", reason: error.description)
        }
    }
}
