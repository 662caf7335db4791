import ChildProcesses

/// A database client to start: program, arguments and the environment it needs.
///
/// Passwords travel only in ``environment`` (PGPASSWORD, MYSQL_PWD, …) — never in
/// ``arguments``, which any user of the machine can read in `ps` — so the
/// description below prints the environment's names and not its values.
public struct ClientCommand: Sendable, Hashable, CustomStringConvertible {
    /// A program name looked up in PATH, or a path.
    public var executable: String
    public var arguments: [String]
    /// Variables added to the engine's own environment for this child.
    public var environment: [String: String]

    public init(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
    }

    /// The same command run under `timeout(1)`, so it is stopped when the lease
    /// runs out even if the engine is alive but stuck and never releases it.
    /// SIGTERM first (clients close their session cleanly), SIGKILL 5 s later.
    public func underTimeout(seconds: Int) -> ClientCommand {
        let timeout = Self.timeout(seconds: seconds)
        return ClientCommand(timeout[0], Array(timeout.dropFirst()) + [executable] + arguments, environment: environment)
    }

    /// `timeout` and its arguments, to put in front of a command.
    static func timeout(seconds: Int) -> [String] {
        ["timeout", "--signal=TERM", "--kill-after=5", "\(max(seconds, 1))s"]
    }

    /// The command as the process layer starts it.
    public var process: ProcessCommand {
        ProcessCommand(executable, arguments, environment: .inherited(adding: environment))
    }

    public var description: String {
        let names = environment.keys.sorted()
        let env = names.isEmpty ? "" : " (environment: \(names.joined(separator: ", ")))"
        return ([executable] + arguments).joined(separator: " ") + env
    }
}
