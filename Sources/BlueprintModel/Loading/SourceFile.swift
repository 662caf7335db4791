#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads an input file (a blueprint, an `--app-file`) as UTF-8 text, safely.
///
/// `Data(contentsOf:)` follows a path wherever it leads: it blocks for ever on
/// a FIFO with no writer, reads `/dev/zero` until memory runs out, and reports
/// both, and a directory, in Foundation's words. Here the file is opened without
/// blocking, refused unless it is a regular file, and read only up to the size
/// limit, so a huge file costs at most that much memory.
public enum SourceFile {
    public static func read(_ path: String, limits: YAMLLimits = .default) throws(SourceFileError) -> String {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        if fd < 0 { throw error(errno, path: path) }
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) != 0 { throw error(errno, path: path) }
        let type = info.st_mode & mode_t(S_IFMT)
        if type == mode_t(S_IFDIR) { throw .isDirectory(path: path) }
        if type != mode_t(S_IFREG) { throw .notRegularFile(path: path, kind: kindName(type)) }
        if Int(info.st_size) > limits.maxBytes {
            throw .tooLarge(path: path, size: Int(info.st_size), limit: limits.maxBytes)
        }
        // The file may grow after fstat: reading stops one byte past the limit,
        // enough for the text check to refuse it and say where the limit falls.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(Int(info.st_size), limits.maxBytes) + 1)
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while bytes.count <= limits.maxBytes {
            let want = min(chunk.count, limits.maxBytes + 1 - bytes.count)
            let n = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, want) }
            if n < 0 {
                if errno == EINTR { continue }
                throw error(errno, path: path)
            }
            if n == 0 { break }
            bytes += chunk[..<n]
        }
        return try text(bytes[...], path: path, limits: limits)
    }

    private static func kindName(_ type: mode_t) -> String {
        switch type {
        case mode_t(S_IFIFO): return "a FIFO (named pipe)"
        case mode_t(S_IFSOCK): return "a socket"
        case mode_t(S_IFCHR): return "a character device"
        case mode_t(S_IFBLK): return "a block device"
        default: return "not a file"
        }
    }

    /// The text of bytes read from `path` (which names them in errors): checked
    /// for size, UTF-8 and the characters YAML forbids, as ``read(_:limits:)`` checks
    /// a file. Public for input that does not come from a file (the fuzzer's).
    public static func text(_ bytes: ArraySlice<UInt8>, path: String, limits: YAMLLimits = .default) throws(SourceFileError) -> String {
        let result: Result<Void, YAMLInputError> = bytes.withUnsafeBufferPointer { buffer in
            do throws(YAMLInputError) {
                try InputTextCheck.check(buffer, limits: limits)
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        if case .failure(let error) = result { throw .content(path: path, error) }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func error(_ code: Int32, path: String) -> SourceFileError {
        switch code {
        case ENOENT, ENOTDIR: return .notFound(path: path)
        case EACCES, EPERM: return .permissionDenied(path: path)
        case EISDIR: return .isDirectory(path: path)
        default: return .unreadable(path: path, reason: String(cString: strerror(code)))
        }
    }
}

/// `read(2)`, named apart from ``SourceFile/read(_:limits:)``.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}
