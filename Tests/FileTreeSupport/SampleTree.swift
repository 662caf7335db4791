import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A directory with everything a backup must give back exactly: files of
/// several sizes (one of several chunks), modes, nanosecond times, a symbolic
/// and a hard link, a sparse file, a FIFO, a path of more than 300 bytes and a
/// name that is not UTF-8. Made under `root/data`.
public struct SampleTree {
    public let root: String
    /// `data`, the directory holding it all (relative to `root`).
    public static let top = "data"
    public let longPath: [UInt8]
    public let nonUTF8Name: [UInt8]

    public init(root: String, seed: UInt64 = 1) throws {
        self.root = root
        let top = root + "/" + Self.top
        try FileManager.default.createDirectory(atPath: top + "/sub/deeper", withIntermediateDirectories: true)
        var generator = SeededGenerator(seed: seed)
        func write(_ relative: String, _ bytes: [UInt8], mode: mode_t = 0o644) throws {
            try Self.write(Array((top + "/" + relative).utf8), bytes, mode: mode)
        }
        try write("hello.txt", Array("hello\n".utf8))
        try write("empty", [])
        try write("sub/random.bin", (0..<(2 * 1024 * 1024 + 311)).map { _ in UInt8.random(in: 0...255, using: &generator) })
        try write("sub/deeper/text.txt", Array(String(repeating: "text line\n", count: 5000).utf8))
        try write("secret.key", Array("private\n".utf8), mode: 0o600)
        try write("run.sh", Array("#!/bin/sh\necho run\n".utf8), mode: 0o751)
        guard symlink("sub/deeper/text.txt", top + "/link") == 0 else { throw FileTreeError("symlink failed") }
        guard link(top + "/hello.txt", top + "/hard") == 0 else { throw FileTreeError("link failed") }
        guard mkfifo(top + "/fifo", 0o640) == 0 else { throw FileTreeError("mkfifo failed") }
        // Sparse: 8 MiB with data at the start and at 6 MiB, a hole between.
        let sparse = open(top + "/sparse.img", O_CREAT | O_WRONLY, 0o644)
        guard sparse >= 0 else { throw FileTreeError("cannot create sparse.img") }
        _ = Glibc.write(sparse, "start", 5)
        _ = pwrite(sparse, "middle", 6, 6 << 20)
        _ = ftruncate(sparse, 8 << 20)
        close(sparse)
        // A path of more than 300 bytes (each name below the 255-byte limit).
        let long = "l/" + String(repeating: "d", count: 150) + "/" + String(repeating: "e", count: 150)
        try FileManager.default.createDirectory(atPath: top + "/" + long, withIntermediateDirectories: true)
        try write(long + "/file.txt", Array("far down\n".utf8))
        longPath = Array((Self.top + "/" + long + "/file.txt").utf8)
        // "caf\xE9.txt": Latin-1, not UTF-8.
        nonUTF8Name = Array("caf".utf8) + [0xE9] + Array(".txt".utf8)
        try Self.write(Array((top + "/").utf8) + nonUTF8Name, Array("latin\n".utf8), mode: 0o644)
        // Times with nanoseconds, directories last (writing into one changes its time).
        try Self.setTimes(below: Array(top.utf8), seed: seed)
    }

    public var dataPath: String { root + "/" + Self.top }

    static func write(_ path: [UInt8], _ bytes: [UInt8], mode: mode_t) throws {
        let fd = withPath(path) { open($0, O_CREAT | O_WRONLY | O_TRUNC, mode) }
        guard fd >= 0 else { throw FileTreeError("cannot create \(String(decoding: path, as: UTF8.self))") }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            guard written > 0 else { throw FileTreeError("write failed") }
            offset += written
        }
        _ = fchmod(fd, mode)
    }

    /// Gives every entry below `path` a distinct time with nanoseconds (not following links), deepest first.
    static func setTimes(below path: [UInt8], seed: UInt64) throws {
        var counter: Int = Int(seed % 1000)
        func visit(_ path: [UInt8]) throws {
            var info = stat()
            guard withPath(path, { lstat($0, &info) }) == 0 else { return }
            if info.st_mode & S_IFMT == S_IFDIR, let directory = withPath(path, { opendir($0) }) {
                var names: [[UInt8]] = []
                while let entry = readdir(directory) {
                    let name = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix(while: { $0 != 0 })) }
                    if name != [46], name != [46, 46] { names.append(name) }
                }
                closedir(directory)
                for name in names { try visit(path + [UInt8(ascii: "/")] + name) }
            }
            counter += 1
            var times = [timespec(tv_sec: 1_700_000_000 + counter * 3600, tv_nsec: 123_456_789 + counter),
                         timespec(tv_sec: 1_700_000_000 + counter * 3600, tv_nsec: 123_456_789 + counter)]
            _ = withPath(path) { utimensat(AT_FDCWD, $0, &times, AT_SYMLINK_NOFOLLOW) }
        }
        try visit(path)
    }
}

public struct FileTreeError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// A reproducible generator (SplitMix64), so a failing test's data can be made again.
public struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
