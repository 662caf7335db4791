import Foundation

/// The run's record in the state directory, replaced atomically (temporary file
/// + rename) after each change, so a reader or a crash of the engine never sees
/// half a record. The file is not fsynced: a crash of the machine itself may
/// lose the last changes (the fault-matrix work decides whether to pay for it).
///
/// Writes are coalesced: while one write is in flight, later changes are batched
/// into the next write, so a thousand fast phases do not serialize on the disk.
/// ``flush()`` is the durability barrier: the engine awaits it after registering
/// an undo and at the end of the run, the moments `recover` depends on.
public actor RunJournal {
    public private(set) var record: RunRecord
    public nonisolated let url: URL
    private var version = 0
    private var writtenVersion = 0
    private var writing = false
    private var waiters: [(version: Int, continuation: CheckedContinuation<Void, Never>)] = []
    /// The last write error, reported once by the engine.
    public private(set) var writeError: String?

    static let batchInterval = Duration.milliseconds(20)

    public init(record: RunRecord, directory: URL) {
        self.record = record
        self.url = directory.appendingPathComponent("\(record.id).json")
    }

    public func update(_ change: (inout RunRecord) -> Void) {
        change(&record)
        version += 1
        startWriting()
    }

    /// Returns once every change made so far is written and renamed into place
    /// (in the kernel's page cache; see the type's note on fsync).
    public func flush() async {
        let target = version
        guard writtenVersion < target else { return }
        await withCheckedContinuation { continuation in
            waiters.append((target, continuation))
            startWriting()
        }
    }

    private func startWriting() {
        guard !writing else { return }
        writing = true
        Task { await self.writeLoop() }
    }

    private func writeLoop() async {
        var first = true
        while writtenVersion < version {
            // After the first write of a burst, let changes gather briefly unless
            // someone waits for durability: fewer, larger writes.
            if !first && waiters.isEmpty { try? await Task.sleep(for: Self.batchInterval) }
            first = false
            let target = version
            let snapshot = record
            do {
                try await Self.write(snapshot, to: url)
            } catch {
                writeError = "cannot write the run journal \(url.path): \(error)"
            }
            writtenVersion = target
            let ready = waiters.filter { $0.version <= target }
            waiters.removeAll { $0.version <= target }
            for waiter in ready { waiter.continuation.resume() }
        }
        writing = false
    }

    @concurrent
    static func write(_ record: RunRecord, to url: URL) async throws {
        // A record is only ever written under its own validated name.
        try RunStore.validateID(record.id)
        guard url.lastPathComponent == "\(record.id).json" else {
            throw RunStore.StoreError.cannotWrite(url.path, "the file name does not match run id `\(record.id)`")
        }
        let data = try RunStore.encoder.encode(record)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        try data.write(to: temporary)
        guard rename(temporary.path, url.path) == 0 else {
            throw RunStore.StoreError.cannotWrite(url.path, String(cString: strerror(errno)))
        }
    }
}
