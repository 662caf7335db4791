import AsyncAlgorithms
import Synchronization
import BlueprintEngine
import ChildProcesses
import DataRepository
import Foundation
import KubeClient
import NIOCore

/// A container's own `tar` (and `find`), driven over exec: the only tools a
/// backup needs in the workload. The engine reads and writes the tar stream
/// itself; nothing is installed in the pod.
struct PodTar: Sendable {
    let function: String
    let client: KubernetesClient
    let namespace: String
    let pod: String
    let container: String?

    struct Tools: Sendable, Equatable {
        /// GNU tar (PAX with sparse files, `--null -T -`); else busybox's.
        var gnuTar: Bool
        /// GNU find with `-printf`: a listing with sizes and times, for incrementals.
        var gnuFind: Bool
    }

    /// One entry of `find -printf`.
    struct Listed: Sendable {
        var kind: UInt8
        var size: Int64
        var modificationTime: FileTime
        /// Relative to `/`, as tar names it.
        var path: [UInt8]
    }

    var where_: String { "\(namespace)/\(pod)" + (container.map { " (container \($0))" } ?? "") }

    private var options: ExecOptions { ExecOptions(container: container, throwOnNonZeroExit: false) }

    func probe() async throws -> Tools {
        let script = "if ! command -v tar >/dev/null 2>&1; then echo NO-TAR; exit 0; fi; tar --version 2>&1 | head -n 1; find --version 2>/dev/null | head -n 1; exit 0"
        let output = try await client.execCollecting(namespace: namespace, pod: pod, command: ["sh", "-c", script], options: options, limit: 1 << 16)
        let text = String(decoding: output.stdout, as: UTF8.self)
        guard output.result.exitCode == 0 else {
            throw DataMoverError.noTar(function: function, pod: where_, detail: "sh exited with code \(output.result.exitCode): \(output.result.stderrTail)")
        }
        if text.contains("NO-TAR") { throw DataMoverError.noTar(function: function, pod: where_, detail: "`command -v tar` found none") }
        return Tools(gnuTar: text.contains("GNU tar"), gnuFind: text.contains("GNU findutils"))
    }

    /// Every entry under `path` with kind, size and time (GNU find).
    func list(_ path: String) async throws -> (entries: [Listed], bytes: Int) {
        let output = try await client.execCollecting(
            namespace: namespace, pod: pod, command: ["find", path, "-printf", "%y %s %T@ %p\\0"], options: options, limit: 1 << 30)
        guard output.result.exitCode == 0 else {
            throw DataMoverError.podCommandFailed(function: function, pod: where_, command: "find", exitCode: output.result.exitCode,
                                                  stderr: output.result.stderrTail)
        }
        var entries: [Listed] = []
        for record in output.stdout.split(separator: 0) {
            let fields = record.split(separator: UInt8(ascii: " "), maxSplits: 3, omittingEmptySubsequences: false)
            guard fields.count == 4, let kind = fields[0].first, let size = Int64(String(decoding: fields[1], as: UTF8.self)),
                  let time = FileTime(decimal: String(decoding: fields[2], as: UTF8.self)) else { continue }
            entries.append(Listed(kind: kind, size: size, modificationTime: time, path: Self.relative(Array(fields[3]))))
        }
        return (entries, output.stdout.count)
    }

    /// Streams `tar -c` of `paths` (relative to `/`) into `session`; with
    /// `only`, tar reads exactly those entries (no recursion) from stdin.
    func backup(_ paths: [String], tools: Tools, only: [[UInt8]]?, into session: BackupSession) async throws {
        var command: [String]
        var stdin: [UInt8]?
        if let only {
            let list: [UInt8] = only.flatMap { $0 + [UInt8(0)] }
            command = ["sh", "-c", "head -c \(list.count) | tar -cf - -C / --format=pax --sparse --no-recursion --null -T -"]
            stdin = list
        } else if tools.gnuTar {
            command = ["tar", "-cf", "-", "-C", "/", "--format=pax", "--sparse"] + paths
        } else {
            command = ["tar", "-cf", "-", "-C", "/"] + paths
        }
        let errors = StderrTail()
        let result: ExecResult
        do {
            let handler: ExecOutputHandler = { buffer in try await session.feed(Array(buffer.readableBytesView)) }
            let stderr: ExecOutputHandler = { errors.append($0) }
            if let stdin {
                result = try await client.exec(namespace: namespace, pod: pod, command: command, options: options,
                                               stdin: SingleChunk(bytes: stdin), stdout: handler, stderr: stderr)
            } else {
                result = try await client.exec(namespace: namespace, pod: pod, command: command, options: options,
                                               stdout: handler, stderr: stderr)
            }
        } catch {
            await session.abandon()
            throw error
        }
        // GNU tar exits 1 when a file changed while it was read: the copy is whole
        // but not of one instant (freeze the application for that); 2 is a failure.
        if result.exitCode == 1 && tools.gnuTar {
            return
        }
        guard result.exitCode == 0 else {
            await session.abandon()
            throw DataMoverError.podCommandFailed(function: function, pod: where_, command: "tar -c", exitCode: result.exitCode,
                                                  stderr: errors.text)
        }
    }

    /// Writes `snapshot` (or its `path`) into `tar -x` below `restorePath`.
    func restore(_ repository: Repository, _ snapshot: Snapshot, path: String? = nil, to restorePath: String) async throws -> RestoreReport {
        let channel = AsyncThrowingChannel<ByteBuffer, any Error>()
        let producer = Task {
            do {
                let report = try await repository.restore(snapshot, path: path) { bytes in
                    await channel.send(ByteBuffer(bytes: bytes))
                }
                channel.finish()
                return report
            } catch {
                channel.fail(error)
                throw error
            }
        }
        let errors = StderrTail()
        let result: ExecResult
        do {
            result = try await client.exec(
                namespace: namespace, pod: pod,
                command: ["sh", "-c", "mkdir -p \"$1\" && exec tar -xpf - -C \"$1\"", "sh", restorePath], options: options,
                stdin: channel, stdout: { _ in }, stderr: { errors.append($0) })
        } catch {
            producer.cancel()
            channel.finish()
            _ = try? await producer.value
            throw error
        }
        channel.finish()
        let report = try await producer.value
        guard result.exitCode == 0 else {
            throw DataMoverError.podCommandFailed(function: function, pod: where_, command: "tar -x", exitCode: result.exitCode,
                                                  stderr: errors.text)
        }
        return report
    }

    /// `/data/x/` → `data/x` (tar's names, relative to `/`); `/` → `.`.
    static func relative(_ path: [UInt8]) -> [UInt8] {
        var path = path
        while path.first == UInt8(ascii: "/") { path.removeFirst() }
        while path.count > 1, path.last == UInt8(ascii: "/") { path.removeLast() }
        return path.isEmpty ? [UInt8(ascii: ".")] : path
    }
}

/// The last bytes of a command's stderr, for messages (ChildProcesses' tail, shared by the exec handlers).
final class StderrTail: Sendable {
    private let tail = Mutex(OutputTail(limit: 4096))
    func append(_ buffer: ByteBuffer) { tail.withLock { $0.append(buffer) } }
    var text: String { tail.withLock { $0.text } }
}
