/// Failures of starting or supervising a child process.
public enum ProcessError: Error, Sendable, CustomStringConvertible {
    case pipeFailed(errno: Int32)
    case spawnFailed(executable: String, errno: Int32)
    case executableNotFound(String, searched: [String])

    public var description: String {
        switch self {
        case .pipeFailed(let code):
            return "cannot create a pipe for a child process: \(String(cString: strerror(code)))"
        case .spawnFailed(let executable, let code):
            return "cannot start \(executable): \(String(cString: strerror(code)))"
        case .executableNotFound(let name, let searched):
            return "\(name) is not installed (searched PATH: \(searched.joined(separator: ":"))); install the database client package"
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
