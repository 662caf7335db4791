import ChildProcesses
import DataRepository
import FileTreeSupport
import Foundation
import NIOCore
import ObjectStore
import Synchronization
import Testing

/// `blueprint repo …` on a repository in a filesystem profile: snapshots are
/// listed, check passes and then names a corrupt pack, a single file is
/// restored under its own name, and a wrong key exits 1 saying so.
@Suite struct RepoCommandTests {
    @Test func snapshotsCheckRestoreAndPruneFromAWorkstation() async throws {
        let cli = CLI()
        let storePath = cli.file("store")
        let profile = cli.write("profile.yaml", "location: {type: filesystem, path: \"\(storePath)\"}\n")
        let keyFile = cli.write("key.txt", "a repository key\n")
        let store = FilesystemStore(root: URL(fileURLWithPath: storePath))
        let repository = try await Repository.create(store: store, prefix: "apps/data", encryptionKey: "a repository key", keyDerivationCost: 10)
        let tree = try SampleTree(root: cli.file("source"))
        let output = Collected()
        let status = try await ChildProcess.run(ProcessCommand("tar", ["--format=pax", "-cf", "-", "data"], workingDirectory: tree.root),
                                                killGracePeriod: .seconds(1)) { stream, buffer in if stream == .stdout { output.append(buffer) } }
        try #require(status.succeeded)
        let session = try await repository.startBackup(source: "test:data", paths: ["data"])
        try await session.feed(output.bytes)
        let snapshot = try await session.finish()

        let options = ["--profile", profile, "--key-from-file", keyFile]
        let listed = try await cli.run(["repo", "snapshots", "apps/data"] + options)
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout.contains(String(snapshot.id.prefix(12))) && listed.stdout.contains(snapshot.tag))

        let checked = try await cli.run(["repo", "check", "apps/data", "--read-data"] + options)
        #expect(checked.status == 0, "\(checked.stderr)")
        #expect(checked.stdout.contains("no problems found"))

        let restored = try await cli.run(["repo", "restore", "apps/data", snapshot.tag, "data/sub/random.bin", "--to", cli.file("out")] + options)
        #expect(restored.status == 0, "\(restored.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: cli.file("out/random.bin")))
            == Data(contentsOf: URL(fileURLWithPath: tree.dataPath + "/sub/random.bin")))
        #expect(restored.stdout.contains("reading 1 packs"), "\(restored.stdout)")

        let wrong = cli.write("wrong.txt", "not the key\n")
        let refused = try await cli.run(["repo", "snapshots", "apps/data", "--profile", profile, "--key-from-file", wrong])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("does not open the data repository"), "\(refused.stderr)")

        let pruned = try await cli.run(["repo", "prune", "apps/data", "--grace", "0s"] + options)
        #expect(pruned.status == 0 && pruned.stdout.contains("0 packs deleted"), "\(pruned.stdout)\(pruned.stderr)")

        // A damaged pack: check names it and exits 1.
        let pack = try #require(try await store.list(prefix: "apps/data/data/").first)
        let path = storePath + "/" + pack.key
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[64] ^= 0x55
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let damaged = try await cli.run(["repo", "check", "apps/data", "--read-data"] + options)
        #expect(damaged.status == 1)
        #expect(damaged.stderr.contains(String(pack.key.split(separator: "/").last!)), "\(damaged.stderr)")
    }
}

final class Collected: Sendable {
    private let storage = Mutex<[UInt8]>([])
    func append(_ buffer: ByteBuffer) { storage.withLock { $0 += buffer.readableBytesView } }
    var bytes: [UInt8] { storage.withLock { $0 } }
}
