import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension FilesystemStore {
    /// Checks that the root is a directory (creating it if missing) and that a
    /// file can be created in the folder uploads are written to, by creating and
    /// removing a probe file there: the same operations a `put` needs, so a
    /// read-only, misowned or mistyped `location.path` is found before a run.
    public func checkWritable() async throws {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: root.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw ObjectStoreError.notWritable(
                    store: root.path, reason: "it exists and is not a directory",
                    fix: "Point the profile's location.path (or BLUEPRINT_HOME for the default store) at a directory, or move the file away.")
            }
        } else {
            do {
                try fm.createDirectory(at: root, withIntermediateDirectories: true)
            } catch {
                throw ObjectStoreError.notWritable(
                    store: root.path, reason: "the directory does not exist and cannot be created (\(creationProblem(error)))",
                    fix: "Create it, or point the profile's location.path (or BLUEPRINT_HOME) at a directory you can write.")
            }
        }
        let uploads = root.appendingPathComponent(Self.temporaryFolderName, isDirectory: true)
        do {
            try fm.createDirectory(at: uploads, withIntermediateDirectories: true)
        } catch {
            throw notWritable(Self.reason(error))
        }
        let probe = uploads.appendingPathComponent("probe-\(UUID().uuidString)").path
        let fd = open(probe, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw notWritable(String(cString: strerror(errno))) }
        let written = write(fd, "x", 1)
        let writeError = errno
        close(fd)
        unlink(probe)
        guard written == 1 else { throw notWritable(String(cString: strerror(writeError))) }
    }

    /// Why the root could not be created, found by looking at its nearest
    /// existing ancestor: Foundation's error often carries no errno.
    private func creationProblem(_ error: any Error) -> String {
        let fm = FileManager.default
        var ancestor = root.deletingLastPathComponent()
        while ancestor.path != "/", !fm.fileExists(atPath: ancestor.path) {
            ancestor = ancestor.deletingLastPathComponent()
        }
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: ancestor.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            return "\(ancestor.path) is a file, not a directory"
        }
        if access(ancestor.path, W_OK) != 0 {
            return "\(ancestor.path): \(String(cString: strerror(errno)))"
        }
        return Self.reason(error)
    }

    private func notWritable(_ reason: String) -> ObjectStoreError {
        .notWritable(
            store: root.path, reason: "cannot create a file in it (\(reason))",
            fix: "Make the directory writable for this user (uid \(geteuid())), or point the profile's location.path (or BLUEPRINT_HOME for the default store) elsewhere.")
    }
}
