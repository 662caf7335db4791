import AsyncAlgorithms
import BlueprintEngine
import ChildProcesses
import Foundation
import KubeClient
import NIOCore
import ObjectStore

/// Runs a command in a pod's container the way every Kubernetes function does:
/// stdout and stderr go to the run's log line by line, `###Phase-output###`
/// lines of stdout become outputs, a non-zero exit is an error carrying the
/// code and stderr's last lines, and a cancelled task kills the remote command.
///
/// Our streaming extension: with `outputArtifact` stdout is stored as an
/// artifact instead of being logged (a dump needs no tooling in the pod), and
/// with `inputArtifact` an artifact is streamed to stdin.
struct PodCommand: Sendable {
    var function: String
    var namespace: String
    var pod: String
    var container: String?
    var command: [String]
    var outputArtifact: String?
    var inputArtifact: String?

    func run(in context: FunctionContext) async throws -> FunctionOutput {
        let kube = try context.kube(for: function)
        let lines = CommandOutput(context: context)
        var command = self.command
        var input: ByteStream?
        if let inputArtifact {
            let artifact = try await Self.locate(inputArtifact, function: function, context: context)
            if artifact.size > 0 {
                // Servers speaking only v4.channel.k8s.io cannot close stdin: the command
                // reads exactly the artifact's size, so it ends on any server.
                command = ["sh", "-c", "head -c \(artifact.size) | \"$@\"", "sh"] + command
            }
            // Pulled chunk by chunk as the exec sends them.
            input = try await context.artifacts.open(artifact)
        }
        let options = ExecOptions(container: container, throwOnNonZeroExit: false)
        context.logger.debug("exec", metadata: ["pod": "\(namespace)/\(pod)", "command": "\(context.redactor.redact(self.command.joined(separator: " ")))"])
        let stderrHandler: ExecOutputHandler = { await lines.feed($0, stream: .stderr) }
        let result: ExecResult
        if let outputArtifact {
            // A rendezvous channel: the exec reads the next frame only once the upload
            // took the previous one, so a fast pod and a slow store meet at bounded memory.
            let channel = AsyncThrowingChannel<ByteBuffer, any Error>()
            let store = Task { try await context.artifacts.store(name: outputArtifact, data: channel) }
            do {
                result = try await kube.client.exec(
                    namespace: namespace, pod: pod, command: command, options: options, stdin: input,
                    stdout: { buffer in await channel.send(buffer) }, stderr: stderrHandler)
            } catch {
                channel.fail(error)
                _ = try? await store.value
                throw error
            }
            if result.exitCode != 0 {
                channel.fail(CancellationError())
                _ = try? await store.value
            } else {
                channel.finish()
                let stored = try await store.value
                context.progress("stored artifact \(stored.name) (\(stored.size) bytes)")
            }
        } else {
            result = try await kube.client.exec(
                namespace: namespace, pod: pod, command: command, options: options, stdin: input,
                stdout: { await lines.feed($0, stream: .stdout) }, stderr: stderrHandler)
        }
        await lines.finish()
        try Task.checkCancellation()
        guard result.exitCode == 0 else {
            throw KubeFunctionError.commandFailed(
                function: function, pod: "\(namespace)/\(pod)", container: container,
                command: self.command.first ?? "", exitCode: result.exitCode,
                stderrTail: context.redactor.redact(result.stderrTail))
        }
        return FunctionOutput(await lines.outputs)
    }

    /// The run's artifact of that name (``RunArtifacts``' rule); failing that, a
    /// file on this machine at that path.
    static func locate(_ name: String, function: String, context: FunctionContext) async throws -> StoredArtifact {
        if let stored = await context.artifact(named: name) { return stored }
        if let attributes = try? FileManager.default.attributesOfItem(atPath: name),
           let size = attributes[.size] as? NSNumber {
            return StoredArtifact(name: (name as NSString).lastPathComponent, location: name, size: size.int64Value)
        }
        throw KubeFunctionError.artifactMissing(function: function, name: name)
    }
}
