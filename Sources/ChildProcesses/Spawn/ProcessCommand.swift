/// A program to start: what runs, with which arguments, environment and directory.
///
/// Secrets belong in ``environment`` (or on stdin), never in ``arguments``: any
/// user of the machine can read a command line in `ps`. For the same reason
/// ``description`` names the environment's variables and not their values.
public struct ProcessCommand: Sendable, Hashable, CustomStringConvertible {
    /// How the child's environment is made.
    public enum Environment: Sendable, Hashable {
        /// The engine's own environment with these variables added or replaced.
        case inherited(adding: [String: String])
        /// Exactly these variables (a credential plugin gets what its config names).
        case exactly([String: String])
    }

    /// A program name looked up in `PATH`, or a path.
    public var executable: String
    public var arguments: [String]
    public var environment: Environment
    /// Where the child starts; the engine's current directory when nil.
    public var workingDirectory: String?

    public init(_ executable: String, _ arguments: [String] = [], environment: Environment = .inherited(adding: [:]),
                workingDirectory: String? = nil) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.workingDirectory = workingDirectory
    }

    /// An argv-form command (the executable first).
    public init?(argv: [String], environment: Environment = .inherited(adding: [:]), workingDirectory: String? = nil) {
        guard let first = argv.first, !first.isEmpty else { return nil }
        self.init(first, Array(argv.dropFirst()), environment: environment, workingDirectory: workingDirectory)
    }

    public var description: String {
        let names: [String]
        switch environment {
        case .inherited(let added): names = added.keys.sorted()
        case .exactly(let all): names = all.keys.sorted()
        }
        let env = names.isEmpty ? "" : " (environment: \(names.joined(separator: ", ")))"
        return ([executable] + arguments).joined(separator: " ") + env
    }

    /// `NAME=value` strings for `posix_spawn`, sorted so a child's environment is reproducible.
    func environmentBlock(parent: [String: String]) -> [String] {
        var merged: [String: String]
        switch environment {
        case .inherited(let added): merged = parent.merging(added) { _, new in new }
        case .exactly(let all): merged = all
        }
        return merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
    }

    /// The `PATH` a lookup of ``executable`` uses: the child's own when it sets one.
    func searchPath(parent: [String: String]) -> String? {
        switch environment {
        case .inherited(let added): return added["PATH"] ?? parent["PATH"]
        case .exactly(let all): return all["PATH"] ?? parent["PATH"]
        }
    }
}
