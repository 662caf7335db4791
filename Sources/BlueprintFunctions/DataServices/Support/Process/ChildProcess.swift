import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A started client process and the parent's ends of its pipes.
///
/// Written on `posix_spawn` rather than Foundation's `Process` because the lease
/// depends on details `Process` does not promise: every pipe is close-on-exec
/// from birth, the child closes every inherited descriptor above 2, so the only
/// holder of a child's stdin write end is this process — when the engine dies,
/// even by SIGKILL, the kernel closes it and the client reads end-of-file. The
/// child also gets its own process group (so the group can be killed as a whole
/// and a terminal's Ctrl-C reaches the engine, which unlocks in order, not the
/// client) and default signal dispositions (the engine ignores SIGPIPE; a dump
/// client should not).
struct ChildProcess: Sendable {
    enum Stdio: Sendable {
        case pipe
        case null
    }

    let pid: pid_t
    let executable: String
    /// Parent ends; owned by whoever takes them (a NIO channel closes what it owns).
    let stdin: Int32?
    let stdout: Int32?
    let stderr: Int32?

    static func spawn(
        _ command: ClientCommand,
        stdin stdinMode: Stdio = .null,
        stdout stdoutMode: Stdio = .pipe,
        stderr stderrMode: Stdio = .pipe
    ) throws(ProcessError) -> ChildProcess {
        let path = try ExecutableLocator.locate(command.executable)

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

        let argv = [path] + command.arguments
        let envp = Self.environment(adding: command.environment)
        var pid: pid_t = 0
        let result = withCStrings(argv) { cArgv in
            withCStrings(envp) { cEnvp in
                posix_spawn(&pid, path, &actions, &attributes, cArgv, cEnvp)
            }
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

    /// Reaps the child. Polls with `WNOHANG` and a short back-off instead of
    /// blocking a thread of the cooperative pool in `waitpid`; callers wait only
    /// once the child is finishing (its output ended, its stdin closed).
    func wait() async -> ProcessExitStatus {
        var delay: UInt64 = 1_000_000
        while true {
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { return ProcessExitStatus(waitStatus: status) }
            if result < 0 && errno != EINTR { return .exited(-1) }
            try? await Task.sleep(nanoseconds: delay)
            delay = min(delay * 2, 50_000_000)
        }
    }

    /// Signals the child's whole process group (a `timeout` wrapper and its client).
    func kill(_ signal: Int32 = SIGKILL) {
        _ = Glibc.kill(-pid, signal)
        _ = Glibc.kill(pid, signal)
    }

    /// Closes the parent's end of stdin: the client reads end-of-file.
    func closeStdin() {
        if let stdin { close(stdin) }
    }

    private static func environment(adding additions: [String: String]) -> [String] {
        var result: [String] = []
        for (name, value) in ProcessInfo.processInfo.environment.sorted(by: { $0.key < $1.key }) where additions[name] == nil {
            result.append("\(name)=\(value)")
        }
        for (name, value) in additions.sorted(by: { $0.key < $1.key }) { result.append("\(name)=\(value)") }
        return result
    }
}

private func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    pointers.append(nil)
    defer { for pointer in pointers { free(pointer) } }
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}
