import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The collected result of a short local process (a credential plugin).
struct ProcessOutput: Sendable {
    var status: Int32
    var stdout: Data
    var stderr: Data

    /// Runs `command` (looked up in PATH when it has no slash) to completion.
    ///
    /// Spawned with posix_spawn and reaped by polling `waitpid(WNOHANG)` from a
    /// task, reading both pipes without blocking as it goes: Foundation's `Process`
    /// on Linux can miss a child's exit when several are spawned at once, and a
    /// blocking wait would hold one of the few cooperative threads.
    static func run(command: String, arguments: [String], environment: [String: String]) async throws -> ProcessOutput {
        let executable: String
        if command.contains("/") {
            executable = command
        } else {
            let path = environment["PATH"] ?? ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
            var found: String?
            for directory in path.split(separator: ":") {
                let candidate = "\(directory)/\(command)"
                if access(candidate, X_OK) == 0 {
                    found = candidate
                    break
                }
            }
            guard let found else { throw POSIXError(.ENOENT) }
            executable = found
        }
        var stdoutPipe: [Int32] = [-1, -1], stderrPipe: [Int32] = [-1, -1]
        guard pipe(&stdoutPipe) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        guard pipe(&stderrPipe) == 0 else {
            close(stdoutPipe[0]); close(stdoutPipe[1])
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        for fd in stdoutPipe + stderrPipe { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, stdoutPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, stderrPipe[1], 2)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        var spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        // A plugin written a moment ago can still be open for writing in a child
        // another thread forked meanwhile ("text file busy"); that passes quickly.
        var busyRetries = 0
        while spawned == ETXTBSY && busyRetries < 50 {
            busyRetries += 1
            try? await Task.sleep(for: .milliseconds(20))
            spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        }
        close(stdoutPipe[1])
        close(stderrPipe[1])
        defer {
            close(stdoutPipe[0])
            close(stderrPipe[0])
        }
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO) }
        for fd in [stdoutPipe[0], stderrPipe[0]] { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }

        var out = Data(), err = Data()
        var status: Int32 = 0
        while true {
            out.append(drain(stdoutPipe[0]))
            err.append(drain(stderrPipe[0]))
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid { break }
            if reaped < 0 && errno != EINTR { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .ECHILD) }
            if Task.isCancelled {
                kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                throw CancellationError()
            }
            try? await Task.sleep(for: .milliseconds(5))
        }
        out.append(drain(stdoutPipe[0]))
        err.append(drain(stderrPipe[0]))
        let exitCode: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return ProcessOutput(status: exitCode, stdout: out, stderr: err)
    }

    /// Everything buffered in a non-blocking pipe now.
    private static func drain(_ fd: Int32) -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count > 0 {
                data.append(contentsOf: buffer[0..<count])
            } else if count < 0, errno == EINTR {
                continue
            } else {
                return data
            }
        }
    }
}
