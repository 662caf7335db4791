import BlueprintEngine
import BlueprintModel
import ChildProcesses
import NIOCore

/// Run a command on the machine running the blueprint and capture its outputs (our extension, not in Kanister).
///
/// The command runs in its own process group: a phase timeout or Ctrl-C stops it
/// and every process it started (SIGTERM, then SIGKILL after the grace period).
/// Its output lines go to the run's log, and `###Phase-output###:` lines (what
/// `kando output` prints) become the phase's outputs.
public struct Exec: RunnableFunction {
    public static let declaration = FunctionDeclaration(
        name: "Exec",
        summary: "Run a command on the machine running the blueprint and capture its outputs.",
        arguments: [
            .required("command", .list(.string), "Command and arguments to run (argv form, no shell unless you invoke one)."),
            .optional("env", .map(.string), "Extra environment variables for the command (and its undo)."),
            .optional("stdin", .string, "Text written to the standard input of the command."),
            .optional("workingDir", .string, "Directory in which the command runs; the current directory by default."),
            .optional("undo", .list(.string),
                      "A command that reverses this one (an unfreeze for a freeze). It is registered before the command starts and runs when the action ends for any reason — success, failure, timeout, Ctrl-C — in reverse order of registration; `blueprint recover` runs it after a crash."),
        ],
        outputs: nil,
        origin: .blueprint,
    )

    public enum ExecError: Error, Sendable, CustomStringConvertible, ClassifiedError {
        case failed(command: String, termination: ProcessExitStatus, lastLines: [String])

        /// A command that ran and failed may have done part of its work; it is
        /// retried only when the blueprint opts in with `retry.on: [any]`.
        public var isTransient: Bool { false }

        public var description: String {
            switch self {
            case .failed(let command, let termination, let lastLines):
                var text = "\(command) failed with \(termination)"
                if !lastLines.isEmpty { text += ": " + lastLines.joined(separator: " | ") }
                return text
            }
        }
    }

    public static func execute(_ arguments: FunctionArguments, in context: FunctionContext) async throws -> FunctionOutput {
        let command = try arguments.stringList("command")
        let environment = try arguments.has("env") ? try arguments.stringMap("env") : [:]
        let stdin = try arguments.optionalString("stdin")
        let workingDirectory = try arguments.optionalString("workingDir")
        if let undo = try arguments.optionalStringList("undo"), !undo.isEmpty {
            var undoArguments: [String: ArgumentValue] = ["command": .list(undo.map(ArgumentValue.string))]
            if !environment.isEmpty { undoArguments["env"] = .map(environment.mapValues(ArgumentValue.string)) }
            if let workingDirectory { undoArguments["workingDir"] = .string(workingDirectory) }
            await context.registerUndo(UndoAction(function: declaration.name, arguments: undoArguments,
                                                  summary: undo.joined(separator: " ")))
        }

        context.logger.debug("running", metadata: ["command": "\(context.redactor.redact(command.joined(separator: " ")))"])
        guard let processCommand = ProcessCommand(argv: command, environment: .inherited(adding: environment),
                                                  workingDirectory: workingDirectory) else {
            throw ProcessError.emptyCommand
        }
        let output = CommandOutput(context: context)
        let termination = try await ChildProcess.run(
            processCommand, input: stdin.map { ByteBuffer(string: $0) }, killGracePeriod: context.killGracePeriod
        ) { stream, buffer in
            await output.feed(buffer, stream: stream)
        }
        try Task.checkCancellation()
        let outputs = await output.finish()
        guard termination.succeeded else {
            throw ExecError.failed(command: command[0], termination: termination, lastLines: await output.stderrTail)
        }
        return FunctionOutput(outputs)
    }
}
