import ChildProcesses
import Foundation
import NIOCore
import ObjectStore
import Synchronization
import Testing
@testable import DataRepository

/// A scratch folder, a filesystem store in it, and local GNU tar to make and
/// unpack the streams a pod's tar would send and receive.
struct RepositoryScratch {
    let folder: String
    let store: CountingStore

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("repo-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder + "/bucket", withIntermediateDirectories: true)
        store = CountingStore(FilesystemStore(root: URL(fileURLWithPath: folder + "/bucket")))
    }

    /// A fast key derivation: these tests are about the data, not scrypt's cost.
    func create(prefix: String = "repo", key: String = "correct horse") async throws -> Repository {
        try await Repository.create(store: store, prefix: prefix, encryptionKey: key, keyDerivationCost: 10)
    }

    /// `tar -c` of `paths` under `directory`, as GNU tar writes for a backup.
    static func tar(_ directory: String, _ paths: [String], extra: [String] = []) async throws -> [UInt8] {
        let output = Collected()
        let status = try await ChildProcess.run(
            ProcessCommand("tar", ["--format=pax", "--sparse", "-cf", "-"] + extra + paths, workingDirectory: directory),
            killGracePeriod: .seconds(1)) { stream, buffer in if stream == .stdout { output.append(buffer) } }
        try #require(status.succeeded, "tar -c failed: \(status)")
        return output.bytes
    }

    /// Unpacks `archive` into `directory` with GNU tar.
    static func untar(_ archive: [UInt8], into directory: String) async throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let errors = Collected()
        let status = try await ChildProcess.run(
            ProcessCommand("tar", ["-xpf", "-", "-C", directory]), input: ByteBuffer(bytes: archive),
            killGracePeriod: .seconds(1)) { stream, buffer in if stream == .stderr { errors.append(buffer) } }
        try #require(status.succeeded, "tar -x failed: \(String(decoding: errors.bytes, as: UTF8.self))")
    }

    /// Backs `archive` up in pieces of `piece` bytes.
    static func backup(_ repository: Repository, _ archive: [UInt8], source: String = "test:data", parent: Snapshot? = nil,
                       piece: Int = 100_000) async throws -> Snapshot {
        let session = try await repository.startBackup(source: source, paths: ["data"], parent: parent)
        var position = 0
        while position < archive.count {
            let end = min(position + piece, archive.count)
            try await session.feed(Array(archive[position..<end]))
            position = end
        }
        return try await session.finish()
    }

    static func restore(_ repository: Repository, _ snapshot: Snapshot, path: String? = nil) async throws -> ([UInt8], RestoreReport) {
        let output = Collected()
        let report = try await repository.restore(snapshot, path: path) { output.append(ByteBuffer(bytes: $0)) }
        return (output.bytes, report)
    }
}

final class Collected: Sendable {
    private let storage = Mutex<[UInt8]>([])
    func append(_ buffer: ByteBuffer) { storage.withLock { $0 += buffer.readableBytesView } }
    var bytes: [UInt8] { storage.withLock { $0 } }
}

/// A store that counts what is read: which objects were fetched (whole or by range).
final class CountingStore: ObjectStore, Sendable {
    let inner: FilesystemStore
    private let reads = Mutex<[String]>([])
    /// Puts still allowed before the store "goes down" (nil: never).
    let putsLeft = Mutex<Int?>(nil)

    struct Outage: Error, CustomStringConvertible {
        var description: String { "the object store stopped answering (simulated outage)" }
    }

    init(_ inner: FilesystemStore) { self.inner = inner }

    var displayName: String { inner.displayName }
    var readKeys: [String] { reads.withLock { $0 } }
    func resetReads() { reads.withLock { $0 = [] } }

    func put(key: String, body: ByteStream) async throws -> ObjectInfo {
        let allowed = putsLeft.withLock { left -> Bool in
            guard let remaining = left else { return true }
            left = remaining - 1
            return remaining > 0
        }
        guard allowed else { throw Outage() }
        return try await inner.put(key: key, body: body)
    }
    func get(key: String) async throws -> ByteStream {
        reads.withLock { $0.append(key) }
        return try await inner.get(key: key)
    }
    func get(key: String, range: Range<Int64>) async throws -> [UInt8] {
        reads.withLock { $0.append(key) }
        return try await inner.get(key: key, range: range)
    }
    func head(key: String) async throws -> ObjectInfo { try await inner.head(key: key) }
    func list(prefix: String) async throws -> [ObjectInfo] { try await inner.list(prefix: prefix) }
    func delete(key: String) async throws { try await inner.delete(key: key) }
    func deleteMany(keys: [String]) async throws { try await inner.deleteMany(keys: keys) }

    /// Bytes stored under `prefix`.
    func size(prefix: String) async throws -> Int64 { try await list(prefix: prefix).reduce(0) { $0 + $1.size } }
}
