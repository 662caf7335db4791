import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A started child process and the parent's ends of its pipes: the one way this
/// program starts another (Exec phases, database clients, lock sessions,
/// credential plugins).
///
/// Written on `posix_spawn` rather than Foundation's `Process` because the
/// engine's promises rest on details `Process` does not give:
/// - every pipe is close-on-exec from birth and the child closes every inherited
///   descriptor above 2, so the only holder of a child's stdin write end is this
///   process — when the engine dies, even by SIGKILL, the kernel closes it and a
///   lock-holding client reads end-of-file and ends its session;
/// - the child leads a process group of its own, so a timeout kills the command
///   *and everything it started* (`sh -c "a | b"`), and a terminal's Ctrl-C
///   reaches the engine (which undoes in order), not the child;
/// - the child gets default signal dispositions and an empty mask (the engine
///   ignores SIGPIPE and handles SIGTERM; a child should not inherit that).
///
/// The parent's ends are plain descriptors: ``PipeChannels`` turns them into NIO
/// channels with back-pressure, so a child that prints faster than its output is
/// consumed is slowed, not buffered.
public struct ChildProcess: Sendable {
    public enum Stdio: Sendable {
        case pipe
        case null
    }

    public let pid: pid_t
    public let executable: String
    /// Parent ends; owned by whoever takes them (a NIO channel closes what it owns).
    public let stdin: Int32?
    public let stdout: Int32?
    public let stderr: Int32?

    public static func spawn(
        _ command: ProcessCommand,
        stdin stdinMode: Stdio = .null,
        stdout stdoutMode: Stdio = .pipe,
        stderr stderrMode: Stdio = .pipe
    ) throws(ProcessError) -> ChildProcess {
        guard !command.executable.isEmpty else { throw .emptyCommand }
        let parentEnvironment = ProcessInfo.processInfo.environment
        let path = try ExecutableLocator.locate(command.executable, path: command.searchPath(parent: parentEnvironment))
        if let directory = command.workingDirectory {
            var info = stat()
            if stat(directory, &info) != 0 { throw .workingDirectoryUnusable(directory, errno: errno) }
            if (info.st_mode & S_IFMT) != S_IFDIR { throw .workingDirectoryUnusable(directory, errno: ENOTDIR) }
        }

        var opened: [Int32] = []
        func closeAll() { for fd in opened { close(fd) } }

        func makeEnds(_ mode: Stdio, childReads: Bool) throws(ProcessError) -> (child: Int32, parent: Int32?) {
            switch mode {
            case .null:
                let fd = open("/dev/null", (childReads ? O_RDONLY : O_WRONLY) | O_CLOEXEC)
                guard fd >= 0 else { throw .pipeFailed(errno: errno) }
                opened.append(fd)
                return (fd, nil)
            case .pipe:
                let pipe = try PosixSpawn.makePipe()
                opened.append(contentsOf: [pipe.read, pipe.write])
                return childReads ? (pipe.read, pipe.write) : (pipe.write, pipe.read)
            }
        }

        let input: (child: Int32, parent: Int32?)
        let output: (child: Int32, parent: Int32?)
        let error: (child: Int32, parent: Int32?)
        do {
            input = try makeEnds(stdinMode, childReads: true)
            output = try makeEnds(stdoutMode, childReads: false)
            error = try makeEnds(stderrMode, childReads: false)
        } catch {
            closeAll()
            throw error
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, input.child, 0)
        posix_spawn_file_actions_adddup2(&actions, output.child, 1)
        posix_spawn_file_actions_adddup2(&actions, error.child, 2)
        PosixSpawn.closeFrom(&actions, lowest: 3)
        if let directory = command.workingDirectory, !PosixSpawn.changeDirectory(&actions, to: directory) {
            closeAll()
            throw .workingDirectoryUnusable(directory, errno: ENOSYS)
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var noMask = sigset_t()
        sigemptyset(&noMask)
        posix_spawnattr_setsigmask(&attributes, &noMask)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes,
            Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP)
        )

        let argv = [command.executable] + command.arguments
        let envp = command.environmentBlock(parent: parentEnvironment)
        var pid: pid_t = 0
        var result = spawn(&pid, path, &actions, &attributes, argv, envp)
        // A program written a moment ago can still be open for writing in a child
        // another thread is starting ("text file busy"); that passes within
        // milliseconds. Rare, bounded (at most 0.5 s), and only ever on that error.
        var busyRetries = 0
        while result == ETXTBSY && busyRetries < 50 {
            busyRetries += 1
            usleep(10_000)
            result = spawn(&pid, path, &actions, &attributes, argv, envp)
        }
        // The child has its copies; the parent keeps only its own ends.
        for fd in [input.child, output.child, error.child] { close(fd) }
        guard result == 0 else {
            for fd in [input.parent, output.parent, error.parent].compactMap({ $0 }) { close(fd) }
            throw .spawnFailed(executable: command.executable, errno: result)
        }
        return ChildProcess(
            pid: pid, executable: command.executable,
            stdin: input.parent, stdout: output.parent, stderr: error.parent
        )
    }

    /// Reaps the child. Polls with `WNOHANG` and a back-off from 1 ms to 20 ms
    /// instead of blocking a thread of the small cooperative pool in `waitpid`
    /// (one blocked thread per running command would stall every other task).
    ///
    /// The poll runs in a task of its own, so a cancelled caller still reaps its
    /// child (a cancelled sleep would otherwise turn the poll into a busy loop).
    public func wait() async -> ProcessExitStatus {
        let pid = self.pid
        return await Task.detached {
            var delay = Duration.milliseconds(1)
            while true {
                var status: Int32 = 0
                let result = waitpid(pid, &status, WNOHANG)
                if result == pid { return ProcessExitStatus(waitStatus: status) }
                if result < 0 && errno != EINTR { return .exited(-1) }
                try? await Task.sleep(for: delay)
                delay = min(delay * 2, .milliseconds(20))
            }
        }.value
    }

    /// Sends `signal` to the child's whole process group (and the child, should it
    /// have left the group).
    public func signal(_ signal: Int32) {
        _ = kill(-pid, signal)
        _ = kill(pid, signal)
    }

    /// Asks the process group to stop (SIGTERM) and kills what is left of it
    /// (SIGKILL) after `gracePeriod` — the group may outlive its leader when a
    /// child ignores SIGTERM. Returns at once; the kill happens in a task of its own.
    public func terminate(gracePeriod: Duration) {
        signal(SIGTERM)
        let group = pid
        Task.detached {
            try? await Task.sleep(for: gracePeriod)
            if kill(-group, 0) == 0 { _ = kill(-group, SIGKILL) }
        }
    }

    /// Closes the parent's end of stdin: the child reads end-of-file.
    public func closeStdin() {
        if let stdin { close(stdin) }
    }

    private static func spawn(
        _ pid: inout pid_t, _ path: String, _ actions: inout posix_spawn_file_actions_t,
        _ attributes: inout posix_spawnattr_t, _ argv: [String], _ envp: [String]
    ) -> Int32 {
        withCStrings(argv) { cArgv in
            withCStrings(envp) { cEnvp in
                posix_spawn(&pid, path, &actions, &attributes, cArgv, cEnvp)
            }
        }
    }
}

private func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    pointers.append(nil)
    defer { for pointer in pointers { free(pointer) } }
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}
