import BlueprintEngine
import BlueprintModel

/// Run a command on the machine running the blueprint and capture its outputs (our extension, not in Kanister).
public struct Exec: BlueprintFunction {
    public static let declaration = FunctionDeclaration(
        name: "Exec",
        summary: "Run a command on the machine running the blueprint and capture its outputs.",
        arguments: [
            .required("command", .list(.string), "Command and arguments to run (argv form, no shell unless you invoke one)."),
            .optional("env", .map(.string), "Extra environment variables for the command."),
            .optional("stdin", .string, "Text written to the standard input of the command."),
            .optional("workingDir", .string, "Directory in which the command runs; the current directory by default."),
        ],
        outputs: nil,
        origin: .blueprint
    )
}
