import ChildProcesses
/// Runs a short client command to its end and collects what it printed
/// (bounded: these are one-line answers, not data).
enum ClientRun {
    struct Output: Sendable {
        var status: ProcessExitStatus
        var stdout: String
        var stderr: String
    }

    static func run(_ command: ClientCommand, redactor: PasswordRedactor) async throws(DataServiceError) -> Output {
        let child: ChildProcess
        do { child = try ChildProcess.spawn(command.process, stdin: .null, stdout: .pipe, stderr: .pipe) } catch {
            throw .process(error)
        }
        async let stdout = OutputTail.drain(child.stdout, limit: 65536)
        async let stderr = OutputTail.drain(child.stderr)
        let (out, err) = await (stdout, stderr)
        let status = await child.wait()
        return Output(status: status, stdout: redactor.redact(out.text), stderr: redactor.redact(err.text))
    }
}
