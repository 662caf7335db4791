/// Where a repository's objects live below its prefix:
///
///     config             the format and chunk sizes (plain JSON)
///     keys/<id>          the repository keys, sealed under scrypt(encryption key)
///     data/<pack>        packs: sealed blobs and a sealed trailer listing them
///     index/<name>       append-only index files: blob → pack, offset, length
///     snapshots/<id>     sealed snapshot records, written last
struct RepositoryLayout: Sendable {
    let prefix: String

    init(prefix: String) {
        var prefix = prefix
        while prefix.hasSuffix("/") { prefix.removeLast() }
        while prefix.hasPrefix("/") { prefix.removeFirst() }
        self.prefix = prefix
    }

    private func key(_ rest: String) -> String { prefix.isEmpty ? rest : prefix + "/" + rest }

    var config: String { key("config") }
    var keys: String { key("keys/") }
    var data: String { key("data/") }
    var index: String { key("index/") }
    var snapshots: String { key("snapshots/") }

    func key(keyFile id: String) -> String { keys + id }
    func key(pack: String) -> String { data + pack }
    func key(index name: String) -> String { index + name }
    func key(snapshot id: String) -> String { snapshots + id }

    /// The last path segment of a listed key.
    static func name(_ key: String) -> String { String(key.split(separator: "/").last ?? "") }
}

/// The repository's plain settings, readable without the key.
struct RepositoryConfig: Codable, Sendable {
    static let currentVersion = 1

    var version: Int
    var id: String
    var created: Double
    var chunkMinimum: Int
    var chunkAverage: Int
    var chunkMaximum: Int
}
