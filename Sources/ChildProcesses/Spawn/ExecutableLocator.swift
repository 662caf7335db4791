#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds programs in `PATH`, so a missing program is reported by name before anything starts.
public enum ExecutableLocator {
    static let defaultPath = "/usr/local/bin:/usr/bin:/bin"

    /// The path of `name`: itself when it holds a slash, else the first executable
    /// file of that name in `path` (the engine's `PATH` when nil).
    public static func locate(_ name: String, path: String? = nil) throws(ProcessError) -> String {
        if name.contains("/") {
            guard access(name, X_OK) == 0 else { throw .executableNotFound(name, searched: []) }
            return name
        }
        let directories = directories(path)
        for directory in directories {
            let candidate = directory + "/" + name
            if isExecutableFile(candidate) { return candidate }
        }
        throw .executableNotFound(name, searched: directories)
    }

    /// The first of `names` that is installed (`mariadb-dump`, then `mysqldump`).
    public static func first(of names: [String]) throws(ProcessError) -> String {
        for name in names {
            if let path = try? locate(name) { return path }
        }
        throw .executableNotFound(names.joined(separator: " or "), searched: directories(nil))
    }

    public static func isInstalled(_ name: String) -> Bool { (try? locate(name)) != nil }

    private static func isExecutableFile(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return false }
        return access(path, X_OK) == 0
    }

    private static func directories(_ path: String?) -> [String] {
        let path = path ?? getenv("PATH").map { String(cString: $0) } ?? defaultPath
        return path.split(separator: ":").map(String.init).filter { !$0.isEmpty }
    }
}
