import ChildProcesses
import Foundation
import NIOCore

/// The lock-holding client as ``SessionLock`` drives it: statements in, lines
/// out. On this host it is a child process on pipes; in a pod, the same client
/// over exec — the lock logic does not know which.
protocol SessionClient: Sendable {
    /// stdout, line by line; ends when the client does.
    var lines: AsyncStream<String> { get }
    /// Writes to stdin; false when the client no longer reads.
    func send(_ text: String) async -> Bool
    func closeInput()
    /// Stops the client (its session, and with it the lock, ends).
    func stop()
    func wait() async -> ProcessExitStatus
    func stderrText() async -> String
    /// The local process, for the journal (`blueprint recover` stops it); nil in a pod.
    var identity: ProcessIdentity? { get }
}

/// Splits a byte stream into lines for a ``SessionClient``, by the one rule
/// every command reader uses (``LineSplitter``). A session answers each statement
/// with a line or two, so the stream holds little.
func splitLines<Bytes: AsyncSequence & Sendable>(_ bytes: Bytes) -> AsyncStream<String> where Bytes.Element == ByteBuffer {
    let (stream, continuation) = AsyncStream<String>.makeStream()
    Task {
        var splitter = LineSplitter()
        do {
            for try await buffer in bytes {
                splitter.feed(buffer) { continuation.yield($0.text) }
            }
        } catch {}
        splitter.finish { continuation.yield($0.text) }
        continuation.finish()
    }
    return stream
}

/// A client on this host: a child process whose stdin is a pipe only the engine
/// holds, so the engine's death (even SIGKILL) ends the session.
final class LocalSessionClient: SessionClient {
    private let child: ChildProcess
    let lines: AsyncStream<String>
    private let stderrTail: Task<OutputTail, Never>

    init(_ command: ClientCommand) throws(DataServiceError) {
        do { child = try ChildProcess.spawn(command.process, stdin: .pipe, stdout: .pipe, stderr: .pipe) } catch {
            throw .process(error)
        }
        let stdoutFD = child.stdout!
        let (stream, continuation) = AsyncStream<String>.makeStream()
        lines = stream
        Task {
            do {
                let channel = try await PipeChannels.reader(stdoutFD, maximumRead: 65536)
                try await channel.executeThenClose { inbound, _ in
                    for await line in splitLines(inbound) { continuation.yield(line) }
                }
            } catch {}
            continuation.finish()
        }
        let stderrFD = child.stderr
        stderrTail = Task { await OutputTail.drain(stderrFD) }
    }

    func send(_ text: String) async -> Bool {
        guard let fd = child.stdin else { return false }
        return text.utf8.withContiguousStorageIfAvailable { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 { if errno == EINTR { continue }; return false }
                offset += written
            }
            return true
        } ?? false
    }

    func closeInput() { child.closeStdin() }
    func stop() { child.signal(SIGTERM) }
    func wait() async -> ProcessExitStatus { await child.wait() }
    func stderrText() async -> String { await stderrTail.value.text }
    var identity: ProcessIdentity? { .of(child.pid) }
}

/// The client inside a pod, over exec. If the engine dies, the exec connection
/// closes and with it the client's stdin; the `timeout` wrapper inside the
/// container bounds the lease either way.
final class PodSessionClient: SessionClient {
    private let session: PodClientSession
    let lines: AsyncStream<String>

    init(_ session: PodClientSession) {
        self.session = session
        lines = splitLines(session.stdout)
    }

    func send(_ text: String) async -> Bool {
        do { try await session.write(ByteBuffer(string: text)) } catch { return false }
        return true
    }

    func closeInput() { session.closeInput() }
    func stop() { session.terminate() }
    func wait() async -> ProcessExitStatus { await session.wait() }
    func stderrText() async -> String { session.stderrText() }
    var identity: ProcessIdentity? { nil }
}
