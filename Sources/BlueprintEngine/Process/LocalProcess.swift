import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A command running on this host in its own process group, so that a timeout or
/// a cancelled run kills the command *and everything it started* (`sh -c "a | b"`,
/// `sleep` children), not just the process the engine spawned.
///
/// Output arrives as lines on ``lines``; termination is awaited with ``wait()``.
/// ``terminate(gracePeriod:)`` sends SIGTERM to the group, then SIGKILL when the
/// group is still there after the grace period.
public final class LocalProcess: Sendable {
    public struct OutputLine: Sendable, Hashable {
        public enum Stream: String, Sendable { case stdout, stderr }
        public var stream: Stream
        public var text: String
    }

    /// How the process ended.
    public enum Termination: Sendable, Hashable, CustomStringConvertible {
        case exited(Int32)
        case signalled(Int32)

        public var description: String {
            switch self {
            case .exited(let code): return "exit status \(code)"
            case .signalled(let signal): return "killed by signal \(signal)"
            }
        }
    }

    public enum SpawnError: Error, Sendable, CustomStringConvertible, ClassifiedError {
        case emptyCommand
        case spawnFailed(String, errno: Int32)
        case pipeFailed(errno: Int32)

        public var isTransient: Bool { false }

        public var description: String {
            switch self {
            case .emptyCommand: return "the command is empty"
            case .spawnFailed(let command, let code):
                return "cannot run \(command): \(String(cString: strerror(code)))"
            case .pipeFailed(let code): return "cannot create a pipe: \(String(cString: strerror(code)))"
            }
        }
    }

    public let pid: pid_t
    public let lines: AsyncStream<OutputLine>
    private let termination: Task<Termination, Never>
    private let state = ProcessState()

    /// Starts `command` (argv form; the executable is looked up in `PATH`).
    public init(command: [String], environment: [String: String] = [:], workingDirectory: String? = nil,
                stdin: String? = nil) throws(SpawnError) {
        guard let executable = command.first, !executable.isEmpty else { throw .emptyCommand }
        Self.ignoreSIGPIPE
        var command = command
        if let workingDirectory {
            // glibc's posix_spawn_file_actions_addchdir_np is not visible to Swift;
            // a shell changes directory and then execs the command in its place.
            command = ["/bin/sh", "-c", "cd -- \"$0\" && exec \"$@\"", workingDirectory] + command
        }
        // Pipes are created and the child spawned under one lock, so a command
        // spawned concurrently by a parallel phase never inherits this one's pipe
        // ends (it would hold them open and delay end-of-file).
        Self.spawnLock.lock()
        defer { Self.spawnLock.unlock() }
        var stdoutPipe: [Int32] = [-1, -1], stderrPipe: [Int32] = [-1, -1], stdinPipe: [Int32] = [-1, -1]
        guard pipe(&stdoutPipe) == 0, pipe(&stderrPipe) == 0, pipe(&stdinPipe) == 0 else {
            let code = errno
            for fd in stdoutPipe + stderrPipe + stdinPipe where fd >= 0 { close(fd) }
            throw .pipeFailed(errno: code)
        }
        for fd in stdoutPipe + stderrPipe + stdinPipe { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdinPipe[0], 0)
        posix_spawn_file_actions_adddup2(&actions, stdoutPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, stderrPipe[1], 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The engine ignores or handles these signals; the command needs the defaults back.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGPIPE, SIGHUP, SIGQUIT] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        posix_spawnattr_setpgroup(&attributes, 0)

        var merged = ProcessInfo.processInfo.environment
        for (key, value) in environment { merged[key] = value }
        let argv = command.map { strdup($0) } + [nil]
        let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result: Int32
        if command[0].contains("/") {
            result = posix_spawn(&pid, command[0], &actions, &attributes, argv, envp)
        } else {
            result = Self.resolve(command[0], path: merged["PATH"]).map {
                posix_spawn(&pid, $0, &actions, &attributes, argv, envp)
            } ?? ENOENT
        }
        close(stdinPipe[0])
        close(stdoutPipe[1])
        close(stderrPipe[1])
        guard result == 0 else {
            close(stdinPipe[1])
            close(stdoutPipe[0])
            close(stderrPipe[0])
            throw .spawnFailed(executable, errno: result)
        }
        self.pid = pid

        let (lines, continuation) = AsyncStream.makeStream(of: OutputLine.self)
        self.lines = lines
        let queue = DispatchQueue(label: "blueprint.process.\(pid)")
        let readers = DispatchGroup()
        for (fd, stream) in [(stdoutPipe[0], OutputLine.Stream.stdout), (stderrPipe[0], .stderr)] {
            readers.enter()
            Self.readLines(fd: fd, stream: stream, queue: queue) { line in
                continuation.yield(line)
            } done: {
                readers.leave()
            }
        }
        readers.notify(queue: queue) { continuation.finish() }

        let input = stdinPipe[1]
        if let stdin, !stdin.isEmpty {
            let bytes = Array(stdin.utf8)
            Self.onThread("blueprint.stdin.\(pid)") {
                var offset = 0
                while offset < bytes.count {
                    let written = bytes.withUnsafeBytes { write(input, $0.baseAddress! + offset, bytes.count - offset) }
                    if written < 0 { if errno == EINTR { continue }; break }
                    offset += written
                }
                close(input)
            }
        } else {
            close(input)
        }

        let state = self.state
        termination = Task {
            let status = await Self.waitpid(pid)
            state.markExited()
            return status
        }
    }

    /// Waits until the command has exited (not until its output is drained).
    public func wait() async -> Termination { await termination.value }

    /// Asks the whole process group to stop, then kills it after `gracePeriod`.
    public func terminate(gracePeriod: Duration) {
        guard state.beginTermination() else { return }
        let pgid = pid
        kill(-pgid, SIGTERM)
        let seconds = Double(gracePeriod.components.seconds) + Double(gracePeriod.components.attoseconds) / 1e18
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) {
            // The group may outlive its leader (a child that ignores SIGTERM): kill it too.
            kill(-pgid, SIGKILL)
        }
    }

    private static func readLines(fd: Int32, stream: OutputLine.Stream, queue: DispatchQueue,
                                  emit: @escaping @Sendable (OutputLine) -> Void, done: @escaping @Sendable () -> Void) {
        // A plain thread per pipe doing blocking reads: the pipes stay out of
        // libdispatch's event loop (its epoll bookkeeping of fds closed under
        // load crashed the engine once), and no cooperative-pool thread blocks.
        onThread("blueprint.\(stream.rawValue)") {
            let buffer = LineBuffer()
            var chunk = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { break }
                for line in buffer.append(Array(chunk[..<count])) { emit(OutputLine(stream: stream, text: line)) }
            }
            if let last = buffer.flush() { emit(OutputLine(stream: stream, text: last)) }
            close(fd)
            queue.async { done() }
        }
    }

    /// Runs `body` on a new thread of its own (blocking I/O, off Swift's pool).
    private static func onThread(_ name: String, _ body: @escaping @Sendable () -> Void) {
        let thread = Thread { body() }
        thread.name = name
        thread.stackSize = 256 << 10
        thread.start()
    }

    /// Polls for the exit instead of blocking in `waitpid`: a blocked thread per
    /// running command would exhaust Dispatch's small pool (one thread per core)
    /// and stall every other command's exit. The poll starts at 1 ms and backs
    /// off to 20 ms, so short commands are noticed quickly and long ones cost
    /// fifty wake-ups a second.
    private static func waitpid(_ pid: pid_t) async -> Termination {
        var delay = Duration.milliseconds(1)
        while true {
            var status: Int32 = 0
            let result = Glibc.waitpid(pid, &status, WNOHANG)
            if result == pid {
                let signal = status & 0x7f
                return signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
            }
            if result < 0 && errno != EINTR {
                // Someone else reaped it (should not happen): report an unknown failure.
                return .exited(-1)
            }
            try? await Task.sleep(for: delay)
            delay = min(delay * 2, .milliseconds(20))
        }
    }

    private static func resolve(_ name: String, path: String?) -> String? {
        for directory in (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    private static let spawnLock = NSLock()

    private static let ignoreSIGPIPE: Void = { signal(SIGPIPE, SIG_IGN) }()
}

/// Bytes to lines, for one stream; only touched from the process's serial queue.
private final class LineBuffer: @unchecked Sendable {
    private var pending: [UInt8] = []

    func append(_ bytes: [UInt8]) -> [String] {
        pending += bytes
        var lines: [String] = []
        var start = 0
        for index in pending.indices where pending[index] == UInt8(ascii: "\n") {
            var end = index
            if end > start && pending[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            lines.append(String(decoding: pending[start..<end], as: UTF8.self))
            start = index + 1
        }
        pending.removeFirst(start)
        return lines
    }

    func flush() -> String? {
        defer { pending = [] }
        return pending.isEmpty ? nil : String(decoding: pending, as: UTF8.self)
    }
}

/// Whether termination was already requested and whether the leader exited.
private final class ProcessState: Sendable {
    private let lock = NSLock()
    nonisolated(unsafe) private var terminating = false
    nonisolated(unsafe) private var exited = false

    func beginTermination() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if terminating { return false }
        terminating = true
        return true
    }

    func markExited() {
        lock.lock()
        exited = true
        lock.unlock()
    }
}
