import ChildProcesses
import Foundation
import KubeClient
import NIOCore
import ObjectStore

/// A dump client (pg_dump, mariadb-dump) whose stdout is handed to a consumer
/// as ``DumpChunks`` — straight into an object store upload, never a temp file.
///
/// ```swift
/// let dump = try DumpStream.pgDump(connection: connection)
/// let result = try await dump.run { chunks in try await store.put(key: key, body: ByteStream(chunks)) }
/// // result.summary.bytes, result.summary.sha256, result.value (what put returned)
/// ```
/// The run fails — after the consumer returned — when the client exits
/// unsuccessfully (the error carries its redacted stderr) or when the consumer
/// did not read to the end; a consumer that throws stops the client.
public struct DumpStream: Sendable {
    public let tool: String
    public let command: ClientCommand
    let target: String
    let redactor: PasswordRedactor
    /// Set when the client runs inside a pod (the connection names one).
    var podRun: PodRun?
    /// Compute the dump's SHA-256 (``TransferSummary/sha256``); turned off when the
    /// consumer hashes anyway, so the bytes are hashed once.
    public var hashes = true

    public struct Result<Value> {
        public var value: Value
        public var summary: TransferSummary
    }

    public static func pgDump(
        connection: DatabaseConnection, format: DumpFormat = .custom, extraArgs: [String] = [],
        environment: [String: String] = ProcessInfo.processInfo.environment, kube: KubernetesClient? = nil
    ) throws(DataServiceError) -> DumpStream {
        guard format != .directory else { throw .formatNotStreamable(format.rawValue) }
        let password = try connection.resolvePassword(environment: environment)
        return DumpStream(
            tool: "pg_dump",
            command: ClientCommands.pgDump(connection, password: password, format: format, extraArgs: extraArgs),
            target: connection.redactor(environment: environment).redact(connection.displayName),
            redactor: connection.redactor(environment: environment),
            podRun: try PodRun(connection, kube: kube)
        )
    }

    public static func mysqlDump(
        connection: DatabaseConnection, extraArgs: [String] = [],
        environment: [String: String] = ProcessInfo.processInfo.environment, kube: KubernetesClient? = nil
    ) throws(DataServiceError) -> DumpStream {
        let password = try connection.resolvePassword(environment: environment)
        let podRun = try PodRun(connection, kube: kube, alternatives: ClientCommands.mysqlDumpNames)
        let tool: String
        if podRun != nil {
            tool = ClientCommands.mysqlDumpNames[0]
        } else {
            do { tool = try ExecutableLocator.first(of: ClientCommands.mysqlDumpNames) } catch { throw .process(error) }
        }
        return DumpStream(
            tool: String(tool.split(separator: "/").last ?? Substring(tool)),
            command: ClientCommands.mysqlDump(connection, password: password, extraArgs: extraArgs, tool: tool),
            target: connection.redactor(environment: environment).redact(connection.displayName),
            redactor: connection.redactor(environment: environment),
            podRun: podRun
        )
    }

    public func run<Value>(
        _ consume: (DumpChunks) async throws -> Value
    ) async throws -> Result<Value> {
        if let podRun { return try await run(in: podRun, consume) }
        let child: ChildProcess
        do { child = try ChildProcess.spawn(command.process, stdin: .null, stdout: .pipe, stderr: .pipe) } catch {
            throw DataServiceError.process(error)
        }
        PosixSpawn.growPipe(child.stdout!, to: 1 << 20)
        let tally = StreamDigest(hashing: hashes)
        async let stderrTail = OutputTail.drain(child.stderr)

        let outcome: Swift.Result<Value, any Error>
        do {
            let channel = try await PipeChannels.reader(child.stdout!)
            outcome = .success(try await channel.executeThenClose { inbound, _ in
                try await consume(DumpChunks(ByteStream(inbound), tally: tally))
            })
        } catch {
            outcome = .failure(error)
            child.signal(SIGKILL)
        }
        let status = await child.wait()
        let tail = redactor.redact(await stderrTail.text)
        return try finish(outcome, status: status, stderr: tail, tally: tally)
    }

    /// The same inside a pod: stdout arrives over the exec, pulled frame by frame.
    private func run<Value>(in podRun: PodRun, _ consume: (DumpChunks) async throws -> Value) async throws -> Result<Value> {
        let session = try podRun.start(command)
        let tally = StreamDigest(hashing: hashes)
        let outcome: Swift.Result<Value, any Error>
        do {
            outcome = .success(try await consume(DumpChunks(ByteStream(session.stdout), tally: tally)))
        } catch {
            outcome = .failure(error)
        }
        // A consumer that failed or stopped early must not leave the dump running.
        if !tally.isFinished { session.terminate() }
        let status = await session.wait()
        let tail = redactor.redact(session.stderrText())
        return try finish(outcome, status: status, stderr: tail, tally: tally)
    }
}

extension DumpStream {
    /// The consumer's result once the client ended: its failure first, then the
    /// client's, then a dump not read to its end.
    private func finish<Value>(
        _ outcome: Swift.Result<Value, any Error>, status: ProcessExitStatus, stderr: String, tally: StreamDigest
    ) throws -> Result<Value> {
        let value = try outcome.get()
        guard status.succeeded else {
            throw DataServiceError.clientFailed(tool: tool, target: target, status: status, stderr: stderr)
        }
        guard tally.isFinished, let sha256 = tally.sha256 else { throw DataServiceError.dumpNotConsumed(tool: tool) }
        return Result(value: value, summary: TransferSummary(bytes: tally.bytes, sha256: sha256))
    }
}

extension DumpStream.Result: Sendable where Value: Sendable {}
