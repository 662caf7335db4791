import ObjectStore
import ChildProcesses
import Foundation
import KubeClient
import NIOCore

/// A restore client (pg_restore, psql, mariadb) fed on its stdin from any async
/// sequence of chunks — an object store download, in the engine. Writes wait
/// while the client's pipe is full, so memory stays bounded.
public struct RestoreStream: Sendable {
    public let tool: String
    public let command: ClientCommand
    let target: String
    let redactor: PasswordRedactor
    /// Set when the client runs inside a pod (the connection names one).
    var podRun: PodRun?

    /// pg_restore for custom and tar archives, psql for plain SQL. With
    /// `createDatabase`, `connection.database` is only where pg_restore connects
    /// to issue CREATE DATABASE; the archive names the database it restores into.
    public static func pgRestore(
        connection: DatabaseConnection, format: DumpFormat = .custom, clean: Bool = false,
        createDatabase: Bool = false, extraArgs: [String] = [],
        environment: [String: String] = ProcessInfo.processInfo.environment, kube: KubernetesClient? = nil
    ) throws(DataServiceError) -> RestoreStream {
        guard format != .directory else { throw .formatNotStreamable(format.rawValue) }
        let password = try connection.resolvePassword(environment: environment)
        let command = ClientCommands.pgRestore(
            connection, password: password, format: format, clean: clean,
            createDatabase: createDatabase, extraArgs: extraArgs
        )
        return RestoreStream(
            tool: command.executable, command: command,
            target: connection.redactor(environment: environment).redact(connection.displayName),
            redactor: connection.redactor(environment: environment),
            podRun: try PodRun(connection, kube: kube)
        )
    }

    public static func mysqlRestore(
        connection: DatabaseConnection, extraArgs: [String] = [],
        environment: [String: String] = ProcessInfo.processInfo.environment, kube: KubernetesClient? = nil
    ) throws(DataServiceError) -> RestoreStream {
        let password = try connection.resolvePassword(environment: environment)
        let podRun = try PodRun(connection, kube: kube, alternatives: ClientCommands.mysqlClientNames)
        let client: String
        if podRun != nil {
            client = ClientCommands.mysqlClientNames[0]
        } else {
            do { client = try ExecutableLocator.first(of: ClientCommands.mysqlClientNames) } catch { throw .process(error) }
        }
        return RestoreStream(
            tool: String(client.split(separator: "/").last ?? Substring(client)),
            command: ClientCommands.mysqlRestore(connection, password: password, extraArgs: extraArgs, client: client),
            target: connection.redactor(environment: environment).redact(connection.displayName),
            redactor: connection.redactor(environment: environment),
            podRun: podRun
        )
    }

    /// Feeds `source` to the client and waits for it to finish.
    /// - Parameter expectedSHA256: when given (from the artifact's manifest), a
    ///   mismatch fails the restore.
    ///   - size: the source's length when known. A client in a pod then reads
    ///     exactly that many bytes, so it finishes even where stdin cannot be closed.
    @discardableResult
    public func run<Source: AsyncSequence>(
        from source: Source, expectedSHA256: String? = nil, size: Int64? = nil
    ) async throws -> TransferSummary where Source.Element == ByteBuffer {
        if let podRun { return try await run(in: podRun, from: source, expectedSHA256: expectedSHA256, size: size) }
        let child: ChildProcess
        do { child = try ChildProcess.spawn(command.process, stdin: .pipe, stdout: .pipe, stderr: .pipe) } catch {
            throw DataServiceError.process(error)
        }
        PosixSpawn.growPipe(child.stdin!, to: 1 << 20)
        let tally = StreamDigest()
        async let stdoutTail = OutputTail.drain(child.stdout)
        async let stderrTail = OutputTail.drain(child.stderr)

        var feedError: (any Error)?
        var sourceFailed = false
        do {
            let channel = try await PipeChannels.writer(child.stdin!)
            do {
                var chunks = source.makeAsyncIterator()
                while true {
                    let next: ByteBuffer?
                    do { next = try await chunks.next() } catch {
                        sourceFailed = true
                        throw error
                    }
                    guard let chunk = next else { break }
                    tally.update(chunk)
                    try await channel.writeAndFlush(chunk).get()
                }
                try? await channel.close().get()
            } catch {
                try? await channel.close().get()
                throw error
            }
            tally.finish()
        } catch {
            feedError = error
            // A failing source must not leave a half-fed client to commit what it got.
            if sourceFailed { child.signal(SIGKILL) }
        }
        let status = await child.wait()
        let errTail = redactor.redact(await stderrTail.text)
        let outTail = redactor.redact(await stdoutTail.text)
        if sourceFailed, let feedError {
            throw DataServiceError.sourceFailed(tool: tool, underlying: redactor.redact(String(describing: feedError)))
        }
        guard status.succeeded else {
            // The client's words explain a broken pipe better than the pipe does.
            throw DataServiceError.clientFailed(
                tool: tool, target: target, status: status, stderr: errTail.isEmpty ? outTail : errTail
            )
        }
        if let feedError { throw feedError }
        guard let sha256 = tally.sha256 else { throw DataServiceError.dumpNotConsumed(tool: tool) }
        return try summary(tally, sha256: sha256, expected: expectedSHA256)
    }

    private func run<Source: AsyncSequence>(
        in podRun: PodRun, from source: Source, expectedSHA256: String?, size: Int64?
    ) async throws -> TransferSummary where Source.Element == ByteBuffer {
        let session = try podRun.start(command, inputSize: size)
        let tally = StreamDigest()
        let outputs = Task { for try await _ in session.stdout {} }  // psql's notices; the tail is stderr's
        var sourceError: (any Error)?
        var endedEarly: PodClientSession.CommandEnded?
        do {
            for try await chunk in source {
                tally.update(chunk)
                try await session.write(chunk)
            }
            tally.finish()
        } catch let ended as PodClientSession.CommandEnded {
            endedEarly = ended  // the client's exit status tells why
        } catch {
            sourceError = error
            // A failing source must not leave a half-fed client to commit what it got.
            session.terminate()
        }
        session.closeInput()
        let status = await session.wait()
        _ = try? await outputs.value
        let tail = redactor.redact(session.stderrText())
        if let sourceError {
            throw DataServiceError.sourceFailed(tool: tool, underlying: redactor.redact(String(describing: sourceError)))
        }
        guard status.succeeded else {
            throw DataServiceError.clientFailed(tool: tool, target: target, status: status, stderr: tail)
        }
        if let endedEarly { throw DataServiceError.sourceFailed(tool: tool, underlying: endedEarly.description) }
        guard let sha256 = tally.sha256 else { throw DataServiceError.dumpNotConsumed(tool: tool) }
        if let size, tally.bytes != size {
            throw DataServiceError.sourceFailed(tool: tool, underlying: "the artifact is \(size) bytes but \(tally.bytes) were read")
        }
        return try summary(tally, sha256: sha256, expected: expectedSHA256)
    }

    /// What was fed, checked against the artifact's recorded SHA-256 when there is one.
    private func summary(_ tally: StreamDigest, sha256: String, expected: String?) throws -> TransferSummary {
        if let expected, expected.lowercased() != sha256 {
            throw DataServiceError.sourceFailed(
                tool: tool, underlying: "checksum mismatch: the artifact's sha256 is \(expected), the data read was \(sha256)"
            )
        }
        return TransferSummary(bytes: tally.bytes, sha256: sha256)
    }
}
