#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Failures of starting a child process.
public enum ProcessError: Error, Sendable, Hashable, CustomStringConvertible {
    case emptyCommand
    case pipeFailed(errno: Int32)
    case spawnFailed(executable: String, errno: Int32)
    case executableNotFound(String, searched: [String])
    case workingDirectoryUnusable(String, errno: Int32)

    public var description: String {
        switch self {
        case .emptyCommand:
            return "the command is empty; give the program to run as its first element"
        case .pipeFailed(let code):
            return "cannot create a pipe for a child process: \(Self.message(code)) (too many open files? raise `ulimit -n`)"
        case .spawnFailed(let executable, let code):
            return "cannot start \(executable): \(Self.message(code))"
        case .executableNotFound(let name, let searched) where searched.isEmpty:
            return "\(name) does not exist or is not executable"
        case .executableNotFound(let name, let searched):
            return "\(name) is not installed (searched PATH: \(searched.joined(separator: ":"))); install it or give its full path"
        case .workingDirectoryUnusable(let directory, let code):
            return "cannot run in directory \(directory): \(Self.message(code))"
        }
    }

    static func message(_ code: Int32) -> String { String(cString: strerror(code)) }
}
