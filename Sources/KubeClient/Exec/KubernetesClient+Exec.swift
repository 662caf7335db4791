import Foundation
import Logging
import NIOCore
import NIOSSL
import WSClient

/// Sink for a command's stdout or stderr. The next frame is read only after the
/// sink returns, so a slow consumer slows the command down instead of buffering.
public typealias ExecOutputHandler = @Sendable (ByteBuffer) async throws -> Void

/// An empty stdin, for commands that read none.
public struct NoStdin: AsyncSequence, Sendable {
    public typealias Element = ByteBuffer
    public struct AsyncIterator: AsyncIteratorProtocol {
        public mutating func next() async throws -> ByteBuffer? { nil }
    }
    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator() }
}

extension KubernetesClient {
    /// The sub-protocol offers, in order: v5 alone (it can close stdin), then v4 alone
    /// for servers that refuse v5 (kubelets before 1.30 answer 403). One protocol per
    /// offer because WSClient does not report which one the server picked, and the
    /// stdin close frame exists only in v5.
    static let execProtocolOffers = [["v5.channel.k8s.io"], ["v4.channel.k8s.io"]]

    /// Runs `command` (argv, no shell) in a container over a WebSocket.
    ///
    /// Never put secrets in `command`: argv is visible in the API server's audit log
    /// and the node's process list. Pass them on stdin or through the pod's env.
    ///
    /// `stdin` is sent as it is produced; when it ends the stream is closed with the
    /// v5 close frame. Servers speaking only v4 cannot close stdin, so there a command
    /// must know where its input ends (e.g. `head -c N`).
    public func exec<Stdin: AsyncSequence & Sendable>(
        namespace: String? = nil, pod: String, command: [String], options: ExecOptions = ExecOptions(),
        stdin: Stdin?, stdout: @escaping ExecOutputHandler, stderr: @escaping ExecOutputHandler
    ) async throws -> ExecResult where Stdin.Element == ByteBuffer {
        let ns = effectiveNamespace(.pods, namespace) ?? "default"
        let request = describe("exec", .pods, namespace: ns, name: pod, subresource: options.container.map { "exec, container \($0)" } ?? "exec")
        guard let program = command.first else { throw KubeError.execFailed(request, reason: "empty command") }
        let argv = options.terminateOnCancel ? Self.wrapped(command, stdin: stdin != nil) : command

        var query: [(String, String)] = argv.map { ("command", $0) }
        if let container = options.container { query.append(("container", container)) }
        if stdin != nil || options.terminateOnCancel { query.append(("stdin", "true")) }
        query += [("stdout", "true"), ("stderr", "true")]
        let target = APIPath.target(APIPath.path(.pods, namespace: ns, name: pod, subresource: "exec"), query)
        let url = webSocketURL(target)

        let session = ExecSession(stderrFilter: StderrFilter(expectMarker: options.terminateOnCancel, tailLimit: options.stderrTailBytes))
        var acceptedOffer: [String]?
        for offer in Self.execProtocolOffers {
            do {
                try await runExecSocket(url: url, offer: offer, stdin: stdin, startLine: options.terminateOnCancel,
                                        session: session, stdout: stdout, stderr: stderr)
                acceptedOffer = offer
                break
            } catch {
                if Task.isCancelled || session.sinkError != nil { break }
                if let wsError = error as? WebSocketClientError, wsError == .webSocketUpgradeFailed, !session.snapshot().started {
                    logger.debug("exec upgrade refused for offer \(offer)")
                    continue
                }
                if session.snapshot().status != nil {  // the command finished; only the close was untidy
                    acceptedOffer = offer
                    break
                }
                if let kubeError = error as? KubeError { throw kubeError }
                if let configError = error as? KubeConfigError { throw KubeError.configuration(configError) }
                throw KubeError.execFailed(request, reason: "connection failed: \(error)")
            }
        }

        let state = session.snapshot()
        if let sinkError = session.sinkError {
            // The consumer gave up (e.g. its upload failed): the command must not run on alone.
            if options.terminateOnCancel, let pid = state.pid, state.status == nil {
                await terminateRemote(namespace: ns, pod: pod, container: options.container, pid: pid)
            }
            throw sinkError
        }
        if state.status == nil, Task.isCancelled || (acceptedOffer == nil && state.started) {
            if options.terminateOnCancel, let pid = state.pid {
                await terminateRemote(namespace: ns, pod: pod, container: options.container, pid: pid)
            }
            throw CancellationError()
        }
        guard let offer = acceptedOffer else {
            // Learn why: a missing pod or a permission problem is best told by the API itself.
            _ = try await get(.pods, name: pod, namespace: ns)
            throw KubeError.execFailed(request, reason: "the server refused the WebSocket upgrade for every offered sub-protocol (\(Self.execProtocolOffers.map { $0.joined(separator: ", ") }.joined(separator: " / ")))")
        }
        guard let status = state.status else {
            throw KubeError.execFailed(request, reason: "the connection closed before the command's exit status arrived")
        }
        switch ExecStatus.parse(status) {
        case .failure(let message):
            throw KubeError.execFailed(request, reason: message)
        case .exited(let code):
            let result = ExecResult(exitCode: code, stdoutBytes: state.stdoutBytes, stderrBytes: state.stderrFilter.total,
                                    stderrTail: state.stderrFilter.tailText, subprotocolOffer: offer.joined(separator: ", "))
            if code != 0, options.throwOnNonZeroExit {
                throw KubeError.commandFailed(ExecFailure(request: request, command: program, exitCode: code, stderrTail: result.stderrTail))
            }
            return result
        }
    }

    /// Runs a command without stdin.
    public func exec(namespace: String? = nil, pod: String, command: [String], options: ExecOptions = ExecOptions(),
                     stdout: @escaping ExecOutputHandler, stderr: @escaping ExecOutputHandler) async throws -> ExecResult
    {
        try await exec(namespace: namespace, pod: pod, command: command, options: options, stdin: NoStdin?.none,
                       stdout: stdout, stderr: stderr)
    }

    /// Runs a command and collects its output in memory (up to `limit` bytes each; more is an error).
    public func execCollecting(namespace: String? = nil, pod: String, command: [String], options: ExecOptions = ExecOptions(),
                               stdin: [UInt8]? = nil, limit: Int = 16 * 1024 * 1024) async throws -> CollectedExecOutput
    {
        let collector = OutputCollector(limit: limit)
        let result: ExecResult
        if let stdin {
            result = try await exec(namespace: namespace, pod: pod, command: command, options: options,
                                    stdin: SingleChunk(bytes: stdin), stdout: { try collector.append($0, stream: 1) },
                                    stderr: { try collector.append($0, stream: 2) })
        } else {
            result = try await exec(namespace: namespace, pod: pod, command: command, options: options,
                                    stdout: { try collector.append($0, stream: 1) }, stderr: { try collector.append($0, stream: 2) })
        }
        let (out, err) = collector.contents()
        return CollectedExecOutput(result: result, stdout: out, stderr: err)
    }

    func webSocketURL(_ target: String) -> String {
        var server = configuration.server
        if server.lowercased().hasPrefix("https://") {
            server = "wss://" + server.dropFirst("https://".count)
        } else if server.lowercased().hasPrefix("http://") {
            server = "ws://" + server.dropFirst("http://".count)
        }
        return server + target
    }

    /// The terminate-on-cancel wrapper: reports its PID, waits for the client's start
    /// line, then becomes the command (same PID, argv untouched). Waiting for the start
    /// line keeps a command from finishing while the WebSocket upgrade is still in
    /// progress: WSClient (NIO's upgrade handler) loses a close that arrives then and
    /// would wait forever. Without caller stdin the command gets /dev/null, as it would
    /// from the kubelet.
    static func wrapped(_ command: [String], stdin: Bool) -> [String] {
        let marker = String(decoding: StderrFilter.marker, as: UTF8.self)
        let script = "echo \"\(marker)$$\" >&2; read -r _ || exit 125; exec \"$@\"" + (stdin ? "" : " </dev/null")
        return ["sh", "-c", script, "sh"] + command
    }

    /// Longest wait for the WebSocket upgrade to complete (see `wrapped`).
    static let upgradeTimeout: Duration = .seconds(20)

    private func runExecSocket<Stdin: AsyncSequence & Sendable>(
        url: String, offer: [String], stdin: Stdin?, startLine: Bool, session: ExecSession,
        stdout: @escaping ExecOutputHandler, stderr: @escaping ExecOutputHandler
    ) async throws where Stdin.Element == ByteBuffer {
        var wsConfig = WebSocketClientConfiguration(maxFrameSize: 1 << 22, closeTimeout: .seconds(2))
        // HTTPTypes is not a direct dependency: its names are reached through WSClient's configuration.
        wsConfig.additionalHeaders[.init("Sec-WebSocket-Protocol")!] = offer.joined(separator: ", ")
        if let authorization = try await authenticator.authorization(user: configuration.userName) {
            wsConfig.additionalHeaders[.authorization] = authorization
        }
        if let name = configuration.tls.serverName {
            wsConfig.sniHostname = name
        } else if let host = Self.host(of: configuration.server), IPAddressCheck.isIPAddress(host) {
            // SNI cannot carry an IP address and WSClient always sends one: a name that no
            // certificate holds leaves NIOSSL to match the peer's IP against the IP SANs.
            wsConfig.sniHostname = "ip-address.invalid"
        }
        let handler: WebSocketDataHandler<WebSocketClient.Context> = { inbound, outbound, _ in
            session.markStarted()
            let isV5 = offer == ["v5.channel.k8s.io"]
            if startLine {
                try await outbound.write(.binary(ByteBuffer(bytes: [0, UInt8(ascii: "\n")])))
                if stdin == nil, isV5 {
                    try await outbound.write(.binary(ByteBuffer(bytes: [255, 0])))  // v5 CLOSE of stdin
                }
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                if let stdin {
                    group.addTask {
                        for try await chunk in stdin {
                            var rest = chunk
                            while rest.readableBytes > 0 {
                                let piece = rest.readSlice(length: min(rest.readableBytes, 1 << 16))!
                                var frame = ByteBuffer()
                                frame.writeInteger(UInt8(0))
                                frame.writeImmutableBuffer(piece)
                                try await outbound.write(.binary(frame))
                            }
                        }
                        if isV5 {
                            try await outbound.write(.binary(ByteBuffer(bytes: [255, 0])))  // v5 CLOSE of stdin
                        }
                    }
                }
                var demultiplexer = ExecChannelDemultiplexer()
                for try await frame in inbound {
                    guard let (channel, data) = demultiplexer.payload(isContinuation: frame.opcode == .continuation, frame.data)
                    else { continue }
                    switch session.accept(channel: channel, data) {
                    case .stdout(let bytes)?:
                        do { try await stdout(bytes) } catch { session.recordSinkError(error); throw error }
                    case .stderr(let bytes)?:
                        do { try await stderr(bytes) } catch { session.recordSinkError(error); throw error }
                    case nil:
                        continue
                    }
                }
                group.cancelAll()
            }
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            let (configuration, tls, logger) = (wsConfig, webSocketTLS, logger)
            group.addTask {
                let client = WebSocketClient(url: url, configuration: configuration, tlsConfiguration: tls, logger: logger, handler: handler)
                try await client.run()
            }
            group.addTask {
                let deadline = ContinuousClock.now + Self.upgradeTimeout
                while !session.snapshot().started {
                    guard ContinuousClock.now < deadline else { throw UpgradeStalled() }
                    try await Task.sleep(for: .milliseconds(50))
                }
            }
            for try await _ in group {}
        }
    }

    /// Stops a command started with the PID wrapper: SIGTERM to its process group
    /// (or the process), SIGKILL after five seconds. Runs in a fresh task because the
    /// caller is already cancelled.
    private func terminateRemote(namespace: String, pod: String, container: String?, pid: Int) async {
        let script = """
            kill -TERM -- -"$1" 2>/dev/null || kill -TERM "$1" 2>/dev/null || exit 0
            i=0; while kill -0 "$1" 2>/dev/null && [ $i -lt 5 ]; do sleep 1; i=$((i+1)); done
            kill -KILL -- -"$1" 2>/dev/null || kill -KILL "$1" 2>/dev/null; exit 0
            """
        var options = ExecOptions(container: container, throwOnNonZeroExit: false, terminateOnCancel: false)
        options.stderrTailBytes = 1024
        let killOptions = options
        let task = Task.detached { [self] in
            _ = try? await self.execCollecting(namespace: namespace, pod: pod, command: ["sh", "-c", script, "sh", String(pid)],
                                               options: killOptions)
        }
        // The kill script ends within seconds; its own exec has no start line, so a
        // close lost during a slow upgrade could leave it waiting. The caller is
        // unwinding (a cancel, a failed sink): it must not wait on that forever.
        if await !Self.finishes(task, within: Self.terminateTimeout) {
            task.cancel()
            logger.warning("exec: stopping remote process \(pid) in \(namespace)/\(pod) did not finish in \(Self.terminateTimeout); gave up waiting")
        }
    }

    /// Longest wait for the remote kill script (it needs about five seconds at most).
    static let terminateTimeout: Duration = .seconds(30)

    /// Whether `task` finished within `limit`; does not wait longer, whatever the task does.
    /// The caller is usually cancelled already (it is unwinding), so the waiting runs
    /// in a detached task: a cancelled caller's stream would end at once.
    static func finishes(_ task: Task<Void, Never>, within limit: Duration) async -> Bool {
        await Task.detached {
            let outcome = AsyncStream<Bool>.makeStream()
            let watcher = Task { await task.value; outcome.continuation.yield(true) }
            let timer = Task { try? await Task.sleep(for: limit); outcome.continuation.yield(false) }
            var iterator = outcome.stream.makeAsyncIterator()
            let finished = await iterator.next() ?? false
            outcome.continuation.finish()
            watcher.cancel()
            timer.cancel()
            return finished
        }.value
    }
}

/// The WebSocket upgrade did not complete (see `KubernetesClient.wrapped`).
struct UpgradeStalled: Error, CustomStringConvertible {
    var description: String {
        "the WebSocket upgrade did not complete; if the command ended at once, its result was lost (enable terminateOnCancel, which makes the command wait for the client)"
    }
}

/// What `execCollecting` gathered.
public struct CollectedExecOutput: Sendable {
    public var result: ExecResult
    public var stdout: [UInt8]
    public var stderr: [UInt8]

    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
}

/// One buffer as an async sequence (stdin given as bytes).
public struct SingleChunk: AsyncSequence, Sendable {
    public typealias Element = ByteBuffer
    let bytes: [UInt8]
    public init(bytes: [UInt8]) { self.bytes = bytes }
    public struct AsyncIterator: AsyncIteratorProtocol {
        var bytes: [UInt8]?
        public mutating func next() async throws -> ByteBuffer? {
            defer { bytes = nil }
            return bytes.map { ByteBuffer(bytes: $0) }
        }
    }
    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(bytes: bytes) }
}
