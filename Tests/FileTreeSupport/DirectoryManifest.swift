import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What a directory holds, read with lstat and readdir (names as bytes, so a
/// name that is not UTF-8 is compared exactly): every entry's kind, mode,
/// size, modification time to the nanosecond, SHA-256 of a file's bytes, a
/// link's target, and which entries are hard links of each other.
public struct DirectoryManifest: Equatable, CustomStringConvertible {
    public struct Entry: Equatable {
        public var kind: String
        public var mode: UInt32
        public var size: Int64
        public var modificationSeconds: Int
        public var modificationNanoseconds: Int
        public var sha256: String?
        public var linkTarget: [UInt8]?
        /// The first path (in sorted order) sharing this entry's inode, for files with several links.
        public var hardLinkGroup: [UInt8]?
    }

    public var entries: [[UInt8]: Entry]

    /// Reads `root` (the entries below it; the root itself is not an entry).
    public init(_ root: String) throws {
        var entries: [[UInt8]: Entry] = [:]
        var inodes: [UInt64: [UInt8]] = [:]
        var paths: [[UInt8]] = []
        func walk(_ relative: [UInt8]) throws {
            let full = Array(root.utf8) + (relative.isEmpty ? [] : [UInt8(ascii: "/")] + relative)
            guard let directory = withPath(full, { opendir($0) }) else { throw FileTreeError("cannot open \(String(decoding: full, as: UTF8.self))") }
            defer { closedir(directory) }
            var names: [[UInt8]] = []
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix(while: { $0 != 0 })) }
                if name == [46] || name == [46, 46] { continue }
                names.append(name)
            }
            for name in names.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
                let path = relative.isEmpty ? name : relative + [UInt8(ascii: "/")] + name
                paths.append(path)
                if try record(path) { try walk(path) }
            }
        }
        func record(_ relative: [UInt8]) throws -> Bool {
            let full = Array(root.utf8) + [UInt8(ascii: "/")] + relative
            var info = stat()
            guard withPath(full, { lstat($0, &info) }) == 0 else { throw FileTreeError("cannot stat \(String(decoding: full, as: UTF8.self))") }
            let type = info.st_mode & S_IFMT
            var entry = Entry(kind: "other", mode: UInt32(info.st_mode & 0o7777), size: 0,
                              modificationSeconds: info.st_mtim.tv_sec, modificationNanoseconds: info.st_mtim.tv_nsec)
            switch type {
            case S_IFREG:
                entry.kind = "file"
                entry.size = Int64(info.st_size)
                entry.sha256 = try Self.sha256(of: full)
                if info.st_nlink > 1 {
                    if let first = inodes[UInt64(info.st_ino)] { entry.hardLinkGroup = first } else {
                        inodes[UInt64(info.st_ino)] = relative
                        entry.hardLinkGroup = relative
                    }
                }
            case S_IFDIR:
                entry.kind = "directory"
            case S_IFLNK:
                entry.kind = "symlink"
                var buffer = [UInt8](repeating: 0, count: 4096)
                let count = withPath(full) { readlink($0, &buffer, buffer.count) }
                entry.linkTarget = Array(buffer.prefix(max(count, 0)))
            case S_IFIFO:
                entry.kind = "fifo"
            default:
                break
            }
            entries[relative] = entry
            return type == S_IFDIR
        }
        try walk([])
        self.entries = entries
    }

    /// The differences from `other`, one line each (empty when equal).
    public func differences(from other: DirectoryManifest) -> [String] {
        var lines: [String] = []
        for path in Set(entries.keys).union(other.entries.keys).sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            let shown = String(decoding: path, as: UTF8.self)
            switch (entries[path], other.entries[path]) {
            case (nil, _): lines.append("\(shown): only in the other")
            case (_, nil): lines.append("\(shown): missing from the other")
            case let (mine?, theirs?) where mine != theirs: lines.append("\(shown): \(mine) ≠ \(theirs)")
            default: break
            }
        }
        return lines
    }

    public var description: String { "\(entries.count) entries" }

    static func sha256(of path: [UInt8]) throws -> String {
        let fd = withPath(path) { open($0, O_RDONLY) }
        guard fd >= 0 else { throw FileTreeError("cannot open \(String(decoding: path, as: UTF8.self))") }
        defer { close(fd) }
        var hasher = SHA256()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = read(fd, &buffer, buffer.count)
            guard count > 0 else { break }
            hasher.update(data: buffer[0..<count])
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}

/// Calls `body` with `bytes` as a NUL-terminated C path, byte for byte (a
/// Swift String would replace bytes that are not UTF-8).
public func withPath<T>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>) throws -> T) rethrows -> T {
    try (bytes + [0]).withUnsafeBufferPointer { buffer in
        try buffer.withMemoryRebound(to: CChar.self) { try body($0.baseAddress!) }
    }
}
