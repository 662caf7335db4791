import ArgumentParser
import BlueprintFunctions
import ChildProcesses
import DataRepository
import Durations
import Foundation
import ObjectStore
import Synchronization

/// `blueprint repo …`: the data repositories of BackupData and CopyVolumeData,
/// from a workstation: list snapshots, check, prune, restore a path.
struct RepoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repo",
        abstract: "Inspect, check, prune and restore from the data repositories of BackupData and CopyVolumeData.",
        subcommands: [RepoSnapshots.self, RepoCheck.self, RepoPrune.self, RepoRestore.self, RepoBackup.self]
    )
}

/// Which repository, and its key.
struct RepoOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("The repository: the function's backupArtifactPrefix (it may start with the bucket).", valueName: "prefix"))
    var prefix: String

    @Option(name: .customLong("key-from-file"), help: ArgumentHelp("Read the encryption key from this file (one line).", valueName: "file"))
    var keyFile: String?

    @Option(name: .customLong("key-from-env"), help: ArgumentHelp("Read the encryption key from this environment variable.", valueName: "variable"))
    var keyEnvironment: String?

    @OptionGroup var storage: ProfileOptions

    func validate() throws {
        if keyFile != nil && keyEnvironment != nil { throw ValidationError("use either --key-from-file or --key-from-env, not both") }
    }

    /// Opens the repository (or creates it, with `create`) and runs `body`; the store is shut down afterwards.
    func withRepository<T>(create: Bool = false, _ body: (Repository) async throws -> T) async throws -> T {
        let profile = try storage.loadProfile()
        let store = try profile.makeStore(stateDirectory: storage.stateDirectory)
        let services = DataMoverServices(store: store, bucket: profile.location.bucket, stateDirectory: storage.stateDirectory)
        do {
            let prefix = services.repositoryPrefix(self.prefix)
            let key = try key(services, prefix: prefix)
            let repository = create
                ? try await Repository.openOrCreate(store: store, prefix: prefix, encryptionKey: key).0
                : try await Repository.open(store: store, prefix: prefix, encryptionKey: key)
            let result = try await body(repository)
            try? await store.shutdown()
            return result
        } catch {
            try? await store.shutdown()
            throw error
        }
    }

    /// The key: from the file or variable given, else the one generated without a
    /// cluster (in the state directory). A key kept in a Secret is read with
    /// `kubectl get secret NAME -o jsonpath='{.data.encryptionKey}' | base64 -d`.
    func key(_ services: DataMoverServices, prefix: String) throws -> String {
        if let keyFile {
            guard let text = try? String(contentsOfFile: keyFile, encoding: .utf8) else {
                throw ValidationError("--key-from-file: cannot read \(keyFile)")
            }
            return text.trimmingCharacters(in: .newlines)
        }
        if let keyEnvironment {
            guard let value = ProcessInfo.processInfo.environment[keyEnvironment], !value.isEmpty else {
                throw ValidationError("--key-from-env: $\(keyEnvironment) is not set")
            }
            return value
        }
        if let file = services.generatedKeyFile(prefix: prefix), let text = try? String(contentsOf: file, encoding: .utf8) {
            return text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        throw ValidationError("give the repository's key with --key-from-file or --key-from-env (a generated key is in the Secret "
            + "\(services.generatedKeyName(prefix: prefix)) of the backup's namespace: kubectl get secret "
            + "\(services.generatedKeyName(prefix: prefix)) -o jsonpath='{.data.encryptionKey}' | base64 -d)")
    }
}

/// Runs `body`, printing a repository error as `error: …` with exit status 1.
func reportingRepositoryErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as RepositoryError {
        StandardStreams.err("error: \(error.description)\n")
        throw ExitCode.failure
    }
}

struct RepoSnapshots: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "snapshots", abstract: "List the repository's snapshots, oldest first.")
    @OptionGroup var repo: RepoOptions

    func run() async throws {
        try await reportingRepositoryErrors {
            try await repo.withRepository { repository in
                let formatter = ISO8601DateFormatter()
                print("ID            TAG         TIME                  FILES  SIZE          ADDED         SOURCE")
                for snapshot in try await repository.snapshots() {
                    let columns = [
                        String(snapshot.id.prefix(12)).padding(toLength: 13, withPad: " ", startingAt: 0),
                        snapshot.tag.padding(toLength: 11, withPad: " ", startingAt: 0),
                        formatter.string(from: snapshot.time).padding(toLength: 21, withPad: " ", startingAt: 0),
                        String(snapshot.files).padding(toLength: 6, withPad: " ", startingAt: 0),
                        ResticSize.format(snapshot.bytes).padding(toLength: 13, withPad: " ", startingAt: 0),
                        ResticSize.format(snapshot.addedBytes).padding(toLength: 13, withPad: " ", startingAt: 0),
                        snapshot.source + " " + snapshot.paths.joined(separator: " "),
                    ]
                    print(columns.joined(separator: " "))
                }
            }
        }
    }
}

struct RepoCheck: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check that every snapshot's data is in the index and in packs that exist; --read-data also reads and authenticates every pack.")
    @OptionGroup var repo: RepoOptions
    @Flag(name: .customLong("read-data"), help: "Read every pack and authenticate every blob (downloads the whole repository).")
    var readData = false

    func run() async throws {
        try await reportingRepositoryErrors {
            let report = try await repo.withRepository { try await $0.check(readData: readData) }
            print("\(report.snapshots) snapshots, \(report.packs) packs, \(report.blobs) blobs" + (readData ? ", every pack read" : ""))
            if !report.orphanPacks.isEmpty {
                print("\(report.orphanPacks.count) packs no snapshot uses (left by interrupted backups; `blueprint repo prune` removes them)")
            }
            if report.problems.isEmpty {
                print("no problems found")
            } else {
                for problem in report.problems { StandardStreams.err("error: \(problem)\n") }
                throw ExitCode.failure
            }
        }
    }
}

struct RepoPrune: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune", abstract: "Remove data no snapshot needs (packs older than the grace period).")
    @OptionGroup var repo: RepoOptions
    @Option(help: ArgumentHelp("Keep data younger than this: a backup running now may need it.", valueName: "duration"))
    var grace: String = "1h"

    func run() async throws {
        let duration: Duration
        do {
            let nanoseconds = try DurationGrammar.nanoseconds(grace, units: .withDaysAndWeeks)
            guard nanoseconds >= 0 else { throw DurationGrammar.Failure.invalid }
            duration = .nanoseconds(nanoseconds)
        } catch {
            throw ValidationError("--grace: \"\(grace)\" is not a duration (e.g. 0s, 30m, 1h, 2d)")
        }
        try await reportingRepositoryErrors {
            let report = try await repo.withRepository { try await $0.prune(grace: duration) }
            print("\(report.deletedPacks.count) packs deleted, \(report.repackedPacks.count) rewritten, \(report.spaceFreed) bytes freed")
        }
    }
}

struct RepoRestore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Restore a snapshot, or one path of it, into a local directory (a single file reads only its own chunks).")
    @OptionGroup var repo: RepoOptions
    @Argument(help: ArgumentHelp("Snapshot id (or its first 8+ digits) or tag.", valueName: "snapshot"))
    var snapshot: String
    @Argument(help: ArgumentHelp("A path in the snapshot (as `repo snapshots` shows it, without the leading /); the whole snapshot by default. A directory's contents land in --to, a file under its own name.", valueName: "path"))
    var path: String?
    @Option(help: ArgumentHelp("Directory to restore into (created).", valueName: "dir"))
    var to: String

    func run() async throws {
        try FileManager.default.createDirectory(atPath: to, withIntermediateDirectories: true)
        try await reportingRepositoryErrors {
            let report = try await repo.withRepository { repository in
                let found = try await repository.findSnapshot(snapshot)
                return try await LocalTar.extract(into: to) { write in
                    try await repository.restore(found, path: path?.trimmingCharacters(in: CharacterSet(charactersIn: "/")), write: write)
                }
            }
            print("restored \(report.files) files (\(report.bytes) bytes) into \(to), reading \(report.packsRead.count) packs")
        }
    }
}

struct RepoBackup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Back up local paths into a data repository (created on first use) through the local tar: what BackupData does for a pod.")
    @OptionGroup var repo: RepoOptions
    @Argument(help: ArgumentHelp("Absolute paths to back up (kept as they are: restored below the restore directory).", valueName: "path"))
    var paths: [String]
    @Option(help: ArgumentHelp("What is backed up, stable across runs (the parent of the next backup is found by it); host:PATHS by default.", valueName: "name"))
    var source: String?

    func run() async throws {
        for path in paths where !path.hasPrefix("/") { throw ValidationError("\(path): give an absolute path") }
        let source = self.source ?? "host:" + paths.joined(separator: ",")
        try await reportingRepositoryErrors {
            let snapshot = try await repo.withRepository(create: true) { repository in
                let parent = try await repository.latestSnapshot(source: source)
                let session = try await repository.startBackup(source: source, paths: paths, parent: parent)
                let relative = paths.map { String($0.drop(while: { $0 == "/" })) }.map { $0.isEmpty ? "." : $0 }
                let failure = Mutex<(any Error)?>(nil)
                let status = try await ChildProcess.run(
                    ProcessCommand("tar", ["-cf", "-", "-C", "/", "--format=pax", "--sparse"] + relative),
                    killGracePeriod: .seconds(2)
                ) { stream, buffer in
                    guard stream == .stdout, failure.withLock({ $0 == nil }) else { return }
                    do { try await session.feed(Array(buffer.readableBytesView)) } catch { failure.withLock { $0 = error } }
                }
                if let error = failure.withLock({ $0 }) {
                    await session.abandon()
                    throw error
                }
                // GNU tar's 1: a file changed while it was read (the copy is whole, not of one instant).
                guard status.succeeded || status == .exited(1) else {
                    await session.abandon()
                    throw ValidationError("tar -c failed: \(status)")
                }
                return try await session.finish()
            }
            print("\(snapshot.id) \(snapshot.tag): \(snapshot.files) files, \(snapshot.bytes) bytes, \(snapshot.addedBytes) bytes added")
        }
    }
}

/// Local `tar -x` fed through a pipe as the restore produces the stream.
enum LocalTar {
    static func extract<T: Sendable>(into directory: String,
                                     _ produce: (@escaping @Sendable ([UInt8]) async throws -> Void) async throws -> T) async throws -> T {
        let child = try ChildProcess.spawn(ProcessCommand("tar", ["-xpf", "-", "-C", directory]), stdin: .pipe, stdout: .null, stderr: .null)
        guard let fd = child.stdin else { throw ValidationError("tar has no stdin") }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        let result: T
        do {
            result = try await produce { bytes in try handle.write(contentsOf: Data(bytes)) }
            try handle.close()
        } catch {
            try? handle.close()
            child.terminate(gracePeriod: .seconds(1))
            _ = await child.wait()
            throw error
        }
        let status = await child.wait()
        guard status.succeeded else { throw ValidationError("tar -x into \(directory) failed: \(status)") }
        return result
    }
}
