import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension RunStore {
    /// The state directory cannot hold a journal; says what, where and how to fix it.
    public struct NotWritable: Error, Sendable, CustomStringConvertible {
        public var directory: String
        public var reason: String

        public var description: String {
            "the state directory \(directory) cannot hold run journals: \(reason). "
                + "Make it a directory this user (uid \(geteuid())) can write, or set BLUEPRINT_HOME to one"
        }
    }

    /// Checks, before a run starts, that its journal can be written: the runs
    /// directory is a directory a file can be created in (the journal is
    /// replaced through a temporary file there), or, while it does not exist,
    /// its nearest existing ancestor is a writable directory. Nothing is left
    /// behind. Without this a read-only or mistyped BLUEPRINT_HOME let every
    /// phase run, freezes included, with no journal for `status` or `recover`.
    public func checkWritable() throws(NotWritable) {
        let directory = runsDirectory.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            if let blocker = Self.blocker(of: runsDirectory) {
                throw NotWritable(directory: directory, reason: "it does not exist and cannot be created (\(blocker))")
            }
            return
        }
        guard isDirectory.boolValue else { throw NotWritable(directory: directory, reason: "it is a file, not a directory") }
        let probe = runsDirectory.appendingPathComponent(".probe-\(UUID().uuidString)").path
        let fd = open(probe, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw NotWritable(directory: directory, reason: "cannot create a file in it (\(String(cString: strerror(errno))))")
        }
        close(fd)
        unlink(probe)
    }

    /// Why nothing can be created at `url`, found at its nearest existing
    /// ancestor; nil when it can be.
    private static func blocker(of url: URL) -> String? {
        var ancestor = url.deletingLastPathComponent()
        while ancestor.path != "/", !FileManager.default.fileExists(atPath: ancestor.path) {
            ancestor = ancestor.deletingLastPathComponent()
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: ancestor.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            return "\(ancestor.path) is a file, not a directory"
        }
        if access(ancestor.path, W_OK) != 0 { return "\(ancestor.path): \(String(cString: strerror(errno)))" }
        return nil
    }
}
