import Synchronization
import ChildProcesses
import AsyncAlgorithms
import Foundation
import KubeClient
import NIOCore

/// Where a database client runs when a phase names a pod: inside that pod's
/// container, over the API server's exec, so a stock database image needs no
/// backup tooling and the database needs no port reachable from the engine.
///
/// The client's environment (PGPASSWORD, MYSQL_PWD, …) never reaches a command
/// line: argv carries only the variables' *names*, and a small `sh` prelude reads
/// their values, one line each, from the first bytes of stdin before it `exec`s
/// the client — whose stdin then continues with the data, if any. Variables the
/// container already has are copied by name (`passwordEnv` in a pod names a
/// variable of the container, as POSTGRES_PASSWORD in the stock images).
public struct PodClient: Sendable, Hashable, Codable {
    public var namespace: String
    public var pod: String
    /// Nil: the pod's only (or first) container, as the API server picks it.
    public var container: String?

    public init(namespace: String, pod: String, container: String?) {
        self.namespace = namespace
        self.pod = pod
        self.container = container
    }

    public var displayName: String { "pod \(namespace)/\(pod)" + (container.map { " (container \($0))" } ?? "") }

    /// The argv that runs `command` in the container, and the stdin prelude that
    /// carries its environment's values.
    ///
    /// - Parameters:
    ///   - copied: variables set from another variable of the container
    ///     (`PGPASSWORD` ← `POSTGRES_PASSWORD`); the container must set one.
    ///   - overriding: variables replaced by another variable of the container
    ///     when it sets it (`PGUSER` ← `POSTGRES_USER`), else left as they are.
    ///     (`PGPASSWORD` ← `POSTGRES_PASSWORD`).
    ///   - inputSize: bytes of data that follow the prelude. The command then reads
    ///     exactly that many (`head -c`), because API servers speaking only
    ///     `v4.channel.k8s.io` cannot close stdin.
    ///   - alternatives: programs to try in order instead of the command's
    ///     executable (`mariadb-dump`, then `mysqldump`): which one an image has
    ///     is only known inside it.
    ///   - wrapper: a program and arguments the client runs under (`timeout 300s`).
    static func invocation(
        _ command: ClientCommand, alternatives: [String]? = nil, copied: [String: String] = [:],
        overriding: [String: String] = [:], inputSize: Int64? = nil, wrapper: [String] = []
    ) throws(DataServiceError) -> (argv: [String], prelude: ByteBuffer) {
        let names = command.environment.keys.sorted()
        var prelude = ByteBuffer()
        for name in names {
            let value = command.environment[name]!
            guard !value.contains("\n"), !value.contains("\r") else {
                throw .invalidArgument("the value of \(name) contains a line break, which cannot be passed to a client in a pod")
            }
            prelude.writeString(value + "\n")
        }
        for (target, source) in copied where !isVariableName(target) || !PasswordSource.variableNames(source).allSatisfy(isVariableName) {
            throw .invalidArgument("`\(source)` is not an environment variable name (passwordEnv)")
        }
        let programs = alternatives ?? [command.executable]
        for (target, source) in overriding where !isVariableName(target) || !isVariableName(source) {
            throw .invalidArgument("`\(source)` is not an environment variable name (userEnv)")
        }
        let copies = copied.keys.sorted().map { "\($0)=\"\(firstSet(copied[$0]!))\"; export \($0); " }.joined()
            + overriding.keys.sorted().map { target in
                let source = overriding[target]!
                return "if [ -n \"${\(source)+x}\" ]; then \(target)=\"$\(source)\"; export \(target); fi; "
            }.joined()
        // $1: how many variable names follow, each taking one line of stdin; then
        // the programs to try; then the arguments.
        let script = "n=$1; shift; while [ \"$n\" -gt 0 ]; do IFS= read -r v || exit 125; export \"$1=$v\"; shift; n=$((n-1)); done; "
            + copies
            + "p=; for c in $1; do if command -v \"$c\" >/dev/null 2>&1; then p=$c; break; fi; done; shift; "
            + "[ -n \"$p\" ] || { echo \"none of \(programs.joined(separator: ", ")) is installed in the container\" >&2; exit 127; }; "
            + (inputSize.map { "head -c \($0) | " } ?? "exec ")
            + wrapper.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "' " }.joined()
            + "\"$p\" \"$@\""
        let argv = ["sh", "-c", script, "blueprint-client", String(names.count)] + names
            + [programs.joined(separator: " ")] + command.arguments
        return (argv, prelude)
    }

    /// `${A-${B?…}}`: the value of the first of `names` (comma-separated) the
    /// container sets, or the shell stops with a message naming them all.
    static func firstSet(_ names: String) -> String {
        let list = PasswordSource.variableNames(names)
        let missing = "the container has no variable " + list.joined(separator: " or ") + " (passwordEnv)"
        return list.reversed().reduce("") { inner, name in
            inner.isEmpty ? "${\(name)?\(missing)}" : "${\(name)-\(inner)}"
        }
    }

    static func isVariableName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }

    /// Starts `command` in the pod; its stdin starts with the environment prelude.
    func start(
        _ command: ClientCommand, using client: KubernetesClient, alternatives: [String]? = nil,
        copied: [String: String] = [:], overriding: [String: String] = [:], inputSize: Int64? = nil, wrapper: [String] = []
    ) throws(DataServiceError) -> PodClientSession {
        let (argv, prelude) = try Self.invocation(command, alternatives: alternatives, copied: copied, overriding: overriding,
                                                  inputSize: inputSize, wrapper: wrapper)
        return PodClientSession(pod: self, client: client, argv: argv, prelude: prelude, tool: command.executable)
    }
}

/// A client running in a pod: stdin written on demand, stdout pulled with
/// back-pressure (the exec reads the next frame only after the reader took the
/// previous one), stderr's tail kept for messages.
final class PodClientSession: Sendable {
    let tool: String
    let pod: PodClient
    private let input = AsyncChannel<ByteBuffer>()
    private let output = AsyncThrowingChannel<ByteBuffer, any Error>()
    private let errors = LockedTail()
    private let exec: Task<ExecResult, any Error>

    init(pod: PodClient, client: KubernetesClient, argv: [String], prelude: ByteBuffer, tool: String) {
        self.tool = tool
        self.pod = pod
        let (input, output, errors) = (input, output, errors)
        var options = ExecOptions(container: pod.container, throwOnNonZeroExit: false)
        options.stderrTailBytes = 8192
        exec = Task {
            // The command is gone: writers waiting on stdin must not wait forever.
            defer { errors.markEnded(); input.finish() }
            do {
                // The prelude goes first, whatever the caller writes and when.
                let result = try await client.exec(
                    namespace: pod.namespace, pod: pod.pod, command: argv, options: options, stdin: chain([prelude].async, input),
                    stdout: { await output.send($0) }, stderr: { errors.append($0) })
                output.finish()
                return result
            } catch {
                output.fail(error)
                throw error
            }
        }
    }

    /// stdout, single pass.
    var stdout: AsyncThrowingChannel<ByteBuffer, any Error> { output }

    /// Sends bytes to stdin; throws once the command has ended (it reads no more).
    func write(_ buffer: ByteBuffer) async throws {
        try Task.checkCancellation()
        guard !errors.ended else { throw CommandEnded(tool: tool) }
        await input.send(buffer)
    }

    struct CommandEnded: Error, CustomStringConvertible {
        let tool: String
        var description: String { "\(tool) ended before reading all of its input" }
    }

    /// Ends stdin (servers speaking v5 close it; with v4 the command must know its input's length).
    func closeInput() { input.finish() }

    /// Stops the remote command (its process group gets SIGTERM, then SIGKILL).
    func terminate() { exec.cancel() }

    /// How the command ended: its exit code; a cancelled exec counts as killed; a
    /// failed connection as exit 255 with the reason in the stderr tail.
    func wait() async -> ProcessExitStatus {
        switch await exec.result {
        case .success(let result): return .exited(Int32(truncatingIfNeeded: result.exitCode))
        case .failure(is CancellationError):
            return .signaled(SIGKILL)
        case .failure(let error):
            errors.note("exec in \(pod.displayName) failed: \(error)")
            return .exited(255)
        }
    }

    func stderrText() -> String { errors.text }
}

/// OutputTail behind a lock, fed by the exec's stderr handler.
final class LockedTail: Sendable {
    private struct State {
        var tail = OutputTail(limit: 8192)
        var notes: [String] = []
        var ended = false
    }

    private let state = Mutex(State())

    var ended: Bool { state.withLock { $0.ended } }
    func markEnded() { state.withLock { $0.ended = true } }

    func append(_ buffer: ByteBuffer) { state.withLock { $0.tail.append(buffer) } }
    func note(_ text: String) { state.withLock { $0.notes.append(text) } }
    var text: String { state.withLock { ([$0.tail.text] + $0.notes).filter { !$0.isEmpty }.joined(separator: "\n") } }
}

/// A client to run in a pod: where, through which API server, and what the
/// container provides (the password variable to copy, the program names to try).
struct PodRun: Sendable {
    var pod: PodClient
    var client: KubernetesClient
    var copied: [String: String]
    var overriding: [String: String]
    var alternatives: [String]?
    /// Runs the client under this program (`timeout <lease>`).
    var wrapper: [String] = []

    /// Nil for a local connection; a connection naming a pod needs a cluster.
    init?(_ connection: DatabaseConnection, kube: KubernetesClient?, alternatives: [String]? = nil) throws(DataServiceError) {
        guard let pod = connection.pod else { return nil }
        guard let kube else {
            throw .invalidArgument("running the client in \(pod.displayName) needs a Kubernetes cluster: run with --app, --kubeconfig or in a cluster")
        }
        self.pod = pod
        self.client = kube
        self.copied = connection.copiedVariables
        self.overriding = connection.overriddenVariables
        self.alternatives = alternatives
    }

    func start(_ command: ClientCommand, inputSize: Int64? = nil) throws(DataServiceError) -> PodClientSession {
        try pod.start(command, using: client, alternatives: alternatives, copied: copied, overriding: overriding,
                      inputSize: inputSize, wrapper: wrapper)
    }
}
