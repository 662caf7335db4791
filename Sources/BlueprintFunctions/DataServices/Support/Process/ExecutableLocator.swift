#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds programs in PATH, so a missing client is reported by name before anything starts.
enum ExecutableLocator {
    static func locate(_ name: String) throws(ProcessError) -> String {
        if name.contains("/") {
            guard access(name, X_OK) == 0 else { throw .executableNotFound(name, searched: []) }
            return name
        }
        let directories = searchPath
        for directory in directories {
            let candidate = directory + "/" + name
            if access(candidate, X_OK) == 0 { return candidate }
        }
        throw .executableNotFound(name, searched: directories)
    }

    /// The first of `names` that is installed (`mariadb-dump`, then `mysqldump`).
    static func first(of names: [String]) throws(ProcessError) -> String {
        for name in names {
            if let path = try? locate(name) { return path }
        }
        throw .executableNotFound(names.joined(separator: " or "), searched: searchPath)
    }

    static func isInstalled(_ name: String) -> Bool { (try? locate(name)) != nil }

    private static var searchPath: [String] {
        let path = getenv("PATH").map { String(cString: $0) } ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map(String.init).filter { !$0.isEmpty }
    }
}
