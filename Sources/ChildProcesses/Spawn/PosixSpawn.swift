#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The libc calls that make a child's pipes private to it and start it in its
/// directory, looked up at run time.
///
/// Swift imports glibc without `_GNU_SOURCE`, so `pipe2`,
/// `posix_spawn_file_actions_addclosefrom_np` and
/// `posix_spawn_file_actions_addchdir_np` are not visible to the compiler although
/// every supported glibc (≥ 2.34) has them. The first two matter for the lease: a
/// pipe's write end that leaks into another child keeps a lock holder's stdin open
/// after the engine dies, and the client would never see end-of-file.
public enum PosixSpawn {
    private typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32
    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    private static let pipe2: Pipe2? = symbol("pipe2")
    private typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    private static let addCloseFrom: AddCloseFrom? = symbol("posix_spawn_file_actions_addclosefrom_np")
    private static let addChdir: AddChdir? = symbol("posix_spawn_file_actions_addchdir_np")

    private static func symbol<T>(_ name: String) -> T? {
        guard let handle = dlopen(nil, RTLD_NOW), let pointer = dlsym(handle, name) else { return nil }
        return unsafeBitCast(pointer, to: T.self)
    }

    /// A pipe whose both ends are close-on-exec from the first instant.
    public static func makePipe() throws(ProcessError) -> (read: Int32, write: Int32) {
        var fds: [Int32] = [-1, -1]
        let result: Int32
        if let pipe2 {
            result = fds.withUnsafeMutableBufferPointer { pipe2($0.baseAddress!, O_CLOEXEC) }
        } else {
            // Older libc: a short window in which a concurrent spawn could inherit
            // the descriptors; closeFrom below still keeps them out of our children.
            result = fds.withUnsafeMutableBufferPointer { pipe($0.baseAddress!) }
            if result == 0 {
                _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
                _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
            }
        }
        guard result == 0 else { throw .pipeFailed(errno: errno) }
        return (fds[0], fds[1])
    }

    /// Closes every descriptor from 3 up in the child, whatever the parent has open.
    static func closeFrom(_ actions: inout posix_spawn_file_actions_t, lowest: Int32) {
        if let addCloseFrom { _ = addCloseFrom(&actions, lowest) }
    }

    /// Starts the child in `directory`; false where libc cannot.
    static func changeDirectory(_ actions: inout posix_spawn_file_actions_t, to directory: String) -> Bool {
        guard let addChdir else { return false }
        return addChdir(&actions, directory) == 0
    }

    /// Makes a pipe bigger so a fast producer does fewer, larger writes (Linux only;
    /// a failure just keeps the default size).
    public static func growPipe(_ fd: Int32, to bytes: Int32) {
        #if os(Linux)
        let setPipeSize: Int32 = 1031  // F_SETPIPE_SZ, hidden behind _GNU_SOURCE too
        _ = fcntl(fd, setPipeSize, bytes)
        #endif
    }
}
