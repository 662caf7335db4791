import NIOCore

/// Which of a child's output streams bytes came from.
public enum ProcessStream: String, Sendable, Hashable {
    case stdout, stderr
}

extension ChildProcess {
    /// Runs `command` to its end: writes `input` to its stdin (then closes it),
    /// hands every read of stdout and stderr to `onOutput` as it arrives, and
    /// returns how the command ended.
    ///
    /// Memory stays bounded whatever the command prints: each stream holds at
    /// most four reads of 256 KiB, and `onOutput` is awaited before the next read
    /// is taken, so a consumer that falls behind slows the command down (it
    /// blocks in `write`) instead of piling its output up here.
    ///
    /// Cancelling the calling task stops the reading at once and terminates the
    /// command's whole process group: SIGTERM, then SIGKILL after
    /// `killGracePeriod`. The child is still reaped before this returns.
    public static func run(
        _ command: ProcessCommand,
        input: ByteBuffer? = nil,
        killGracePeriod: Duration,
        onOutput: @escaping @Sendable (ProcessStream, ByteBuffer) async -> Void
    ) async throws(ProcessError) -> ProcessExitStatus {
        let child = try spawn(command, stdin: input == nil ? .null : .pipe, stdout: .pipe, stderr: .pipe)
        return await withTaskCancellationHandler {
            await withTaskGroup(of: Void.self) { group in
                if let input, let fd = child.stdin {
                    group.addTask { await Self.write(input, to: fd) }
                }
                for (fd, stream) in [(child.stdout, ProcessStream.stdout), (child.stderr, .stderr)] {
                    guard let fd else { continue }
                    group.addTask { await Self.read(fd, stream: stream, onOutput: onOutput) }
                }
            }
            return await child.wait()
        } onCancel: {
            child.terminate(gracePeriod: killGracePeriod)
        }
    }

    /// Reads a pipe to its end (or until the task is cancelled). A read error ends
    /// the stream like end-of-file: the exit status says whether the command worked.
    private static func read(
        _ fd: Int32, stream: ProcessStream, onOutput: @Sendable (ProcessStream, ByteBuffer) async -> Void
    ) async {
        do {
            let channel = try await PipeChannels.reader(fd)
            try await channel.executeThenClose { inbound, _ in
                for try await buffer in inbound {
                    if Task.isCancelled { break }
                    await onOutput(stream, buffer)
                }
            }
        } catch {}
    }

    /// Writes all of `input`, then closes the pipe. A command that exits without
    /// reading its stdin is not an error here (its exit status tells).
    private static func write(_ input: ByteBuffer, to fd: Int32) async {
        do {
            let channel = try await PipeChannels.writer(fd)
            try? await channel.writeAndFlush(input)
            try? await channel.close()
        } catch {}
    }
}
