import ChildProcesses
import Foundation
import Testing
@testable import DataRepository

/// The tar reader against archives written by GNU tar in each of its formats,
/// fed in pieces of every size, compared with the files on disk.
@Suite struct TarReaderTests {
    /// A tree with what breaks naive readers: names over 100 and 255 bytes, a
    /// long symlink target, a hard link, an empty directory, an empty file, a
    /// multi-block file whose size is not a multiple of 512, and (GNU format) a
    /// name that is not UTF-8.
    struct Tree {
        let root: URL
        let files: [String: [UInt8]]
        let longDirectory: String
        let longTarget: String

        init(nonUTF8: Bool) throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("tar-\(UUID().uuidString)")
            let data = root.appendingPathComponent("data")
            longDirectory = "data/" + (0..<6).map { "directory-with-a-long-name-\($0)" }.joined(separator: "/")
            longTarget = "../" + String(repeating: "t", count: 150)
            try FileManager.default.createDirectory(at: root.appendingPathComponent(longDirectory), withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: data.appendingPathComponent("empty-dir"), withIntermediateDirectories: true)
            var random = SystemRandomNumberGenerator()
            var files: [String: [UInt8]] = [
                "data/hello.txt": Array("hello\n".utf8),
                "data/empty": [],
                "data/big.bin": (0..<(3 * 1024 * 1024 + 77)).map { _ in UInt8.random(in: 0...255, using: &random) },
                longDirectory + "/" + String(repeating: "f", count: 120): Array("deep\n".utf8),
            ]
            for (path, bytes) in files {
                _ = FileManager.default.createFile(atPath: root.appendingPathComponent(path).path, contents: Data(bytes))
            }
            try FileManager.default.createSymbolicLink(atPath: data.appendingPathComponent("link").path, withDestinationPath: longTarget)
            try FileManager.default.linkItem(atPath: data.appendingPathComponent("hello.txt").path,
                                             toPath: data.appendingPathComponent("hard").path)
            if nonUTF8 {
                // "caf\xE9.txt": Latin-1, not UTF-8.
                let name = Array("\(data.path)/caf".utf8) + [0xE9] + Array(".txt".utf8) + [0]
                let fd = name.withUnsafeBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_CREAT | O_WRONLY, 0o644) }
                _ = write(fd, "latin\n", 6)
                close(fd)
                files["latin-1"] = Array("latin\n".utf8)
            }
            self.files = files
        }

        /// GNU tar's archive of `data/` in `format`.
        func archive(format: String) async throws -> [UInt8] {
            let file = root.appendingPathComponent("archive-\(format).tar").path
            let status = try await ChildProcess.run(
                ProcessCommand("tar", ["--format=\(format)", "-cf", file, "data"], workingDirectory: root.path),
                killGracePeriod: .seconds(1)) { _, _ in }
            try #require(status.succeeded, "tar --format=\(format) failed: \(status)")
            return Array(try Data(contentsOf: URL(fileURLWithPath: file)))
        }
    }

    /// What a reader saw: each member with its data.
    struct Member: Equatable {
        var header: TarHeader
        /// The file's bytes, holes as zeros.
        var data: [UInt8]
        /// Bytes given as holes (not stored in the archive).
        var holes: Int64 = 0
    }

    static func read(_ archive: [UInt8], pieces: (Int) -> Int) throws -> [Member] {
        var reader = TarReader()
        var members: [Member] = []
        var ended = false
        var index = 0
        var piece = 0
        while index < archive.count {
            let size = min(max(pieces(piece), 1), archive.count - index)
            piece += 1
            for event in try reader.feed(Array(archive[index..<(index + size)])) {
                switch event {
                case .member(let header): members.append(Member(header: header, data: []))
                case .data(let bytes): members[members.count - 1].data += bytes
                case .hole(let length):
                    members[members.count - 1].data += [UInt8](repeating: 0, count: Int(length))
                    members[members.count - 1].holes += length
                case .memberEnd: break
                case .end: ended = true
                }
            }
            index += size
        }
        try reader.finish()
        #expect(ended)
        return members
    }

    @Test(arguments: ["gnu", "pax", "posix"])
    func everyMemberAndItsDataComeBackExactly(format: String) async throws {
        let tree = try Tree(nonUTF8: format == "gnu")
        let archive = try await tree.archive(format: format)
        // Whole, one byte at a time, and in odd pieces: the same members each time.
        let whole = try Self.read(archive) { _ in archive.count }
        #expect(try Self.read(archive) { _ in 1 } == whole)
        #expect(try Self.read(archive) { [7, 511, 513, 1000, 3, 4096][$0 % 6] } == whole)

        let byPath = Dictionary(whole.map { ($0.header.path, $0) }, uniquingKeysWith: { first, _ in first })
        for (path, bytes) in tree.files where path != "latin-1" {
            let member = try #require(byPath[Array(path.utf8)], "\(path) missing from \(whole.map(\.header.displayPath))")
            #expect(member.header.kind == .file)
            #expect(member.header.size == Int64(bytes.count))
            #expect(member.data == bytes, "\(path): data differs")
        }
        #expect(byPath[Array("data/empty-dir/".utf8)]?.header.kind == .directory)
        #expect(byPath[Array((tree.longDirectory + "/").utf8)]?.header.kind == .directory)
        let link = try #require(byPath[Array("data/link".utf8)])
        #expect(link.header.kind == .symbolicLink)
        #expect(link.header.linkTarget == Array(tree.longTarget.utf8))
        let hard = try #require(byPath[Array("data/hard".utf8)] ?? byPath[Array("data/hello.txt".utf8)].flatMap { _ in
            whole.first { $0.header.kind == .hardLink } })
        #expect(hard.header.kind == .hardLink || hard.header.kind == .file)
        #expect(whole.contains { $0.header.kind == .hardLink }, "one of the two names is a hard link to the other")
        if format == "gnu" {
            let latin = Array("data/caf".utf8) + [0xE9] + Array(".txt".utf8)
            #expect(byPath[latin]?.data == Array("latin\n".utf8), "the non-UTF-8 name comes back as its bytes")
        }
        let big = try #require(byPath[Array("data/big.bin".utf8)])
        #expect(big.header.mode & 0o777 == 0o644)
        #expect(big.header.modificationTime.seconds > 1_700_000_000)
    }

    @Test func anArchiveCutAnywhereIsTruncatedNeverComplete() async throws {
        let tree = try Tree(nonUTF8: false)
        let archive = try await tree.archive(format: "pax")
        // Where the last zero blocks begin: GNU tar pads to 10 KiB records with zeros.
        var end = archive.count
        while end > 0 && archive[end - 1] == 0 { end -= 1 }
        let endOfData = end + TarReader.padding(Int64(end))  // after the last member's padding
        for cut in [100, 512, 700, 4096 + 3, archive.count / 2, endOfData - 1, endOfData, endOfData + 512] {
            var reader = TarReader()
            _ = try reader.feed(Array(archive[..<cut]))
            do {
                try reader.finish()
                Issue.record("an archive cut at \(cut) of \(archive.count) bytes was taken as complete")
            } catch {
                guard case .truncated = error else { Issue.record("cut at \(cut): \(error)"); continue }
                #expect(error.description.contains("the archive is incomplete"))
            }
        }
        var reader = TarReader()
        _ = try reader.feed(Array(archive[..<(endOfData + 1024)]))
        try reader.finish()
    }

    @Test func aCorruptHeaderIsNamedByItsOffset() async throws {
        let tree = try Tree(nonUTF8: false)
        var archive = try await tree.archive(format: "gnu")
        archive[3] ^= 0x01  // a byte of the first header's name
        var reader = TarReader()
        do {
            _ = try reader.feed(archive)
            Issue.record("a corrupt header was read")
        } catch {
            guard case .badChecksum(offset: 0, _, _) = error else { Issue.record("\(error)"); return }
            #expect(error.description.hasPrefix("tar header at byte 0 has checksum"))
        }
    }

    @Test func notATarStreamIsRefused() throws {
        var reader = TarReader()
        #expect(throws: TarError.self) { _ = try reader.feed(Array(String(repeating: "not a tar archive\n", count: 40).utf8)) }
    }

    @Test func base256NumbersAsGNUWritesThemForHugeSizes() throws {
        var block = [UInt8](repeating: 0, count: 512)
        // 2^40 bytes in base-256 (12-byte field, high bit set on the first byte).
        block[124] = 0x80
        block[124 + 6] = 0x01
        #expect(try HeaderFields(block, offset: 0).number(124, 12, "size") == 1 << 40)
        // -1 as GNU writes a negative mtime.
        for index in 136..<148 { block[index] = 0xFF }
        #expect(try HeaderFields(block, offset: 0).number(136, 12, "mtime") == -1)
    }

    /// A sparse file with 30 data regions (more than the 4 an old GNU header
    /// holds, so extension blocks follow) and holes of a megabyte, as `tar
    /// --sparse` writes it in both of GNU's layouts.
    @Test(arguments: ["gnu", "posix"])
    func aSparseFileComesBackWithItsHolesUnstored(format: String) async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sparse-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("data"), withIntermediateDirectories: true)
        let path = root.appendingPathComponent("data/sparse").path
        var expected = [UInt8]()
        let fd = open(path, O_CREAT | O_WRONLY, 0o644)
        for region in 0..<30 {
            let bytes = (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ region) | 1 }
            let at = region * (1 << 20) + 1 << 20
            _ = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, off_t(at)) }
            if expected.count < at { expected += [UInt8](repeating: 0, count: at - expected.count) }
            expected += bytes
        }
        let tail = 3 << 20  // a trailing hole: the file ends in zeros
        ftruncate(fd, off_t(expected.count + tail))
        close(fd)
        expected += [UInt8](repeating: 0, count: tail)

        let file = root.appendingPathComponent("a.tar").path
        let status = try await ChildProcess.run(
            ProcessCommand("tar", ["--sparse", "--format=\(format)", "-cf", file, "data/sparse"], workingDirectory: root.path),
            killGracePeriod: .seconds(1)) { _, _ in }
        try #require(status.succeeded)
        let archive = Array(try Data(contentsOf: URL(fileURLWithPath: file)))
        #expect(archive.count < 1 << 20, "tar stored the holes: \(archive.count) bytes")

        if format == "posix" {
            // A hostile map (PAX 1.0 keeps it in the data, outside any checksum):
            // a line that is not a number, and a count larger than the map.
            let start = try #require(Self.firstIndex(of: Array("31\n1048576\n".utf8), in: archive))
            for (replacement, expected) in [("3x", "not a number"), ("99", "its map")] {
                var hostile = archive
                hostile.replaceSubrange(start..<(start + 2), with: Array(replacement.utf8))
                do {
                    _ = try Self.read(hostile) { _ in 4096 }
                    Issue.record("a sparse map starting \(replacement) was read")
                } catch {
                    #expect("\(error)".contains("sparse member"), "\(error)")
                    #expect("\(error)".contains(expected))
                }
            }
        }

        for pieces in [{ (_: Int) in archive.count }, { [1, 511, 4097][$0 % 3] }] {
            let members = try Self.read(archive, pieces: pieces)
            let member = try #require(members.first { $0.header.path == Array("data/sparse".utf8) },
                                      "\(members.map(\.header.displayPath))")
            #expect(member.header.size == Int64(expected.count))
            #expect(member.data == expected, "the file with its holes as zeros")
            #expect(member.holes == Int64(expected.count - 30 * 4096), "every zero region came as a hole, none stored")
        }
    }

    static func firstIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        return (0...(haystack.count - needle.count)).first { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
    }

    /// A PAX `mtime` that is not a decimal number (an exponent, a stray letter)
    /// is an error naming the extended header, never a misread time or a crash.
    @Test func aHostilePaxMtimeIsAnErrorNotAMisreadTime() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("tar-mtime-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: root + "/f", contents: Data("x".utf8))
        let status = try await ChildProcess.run(ProcessCommand("sh", ["-c", "touch -d @1700000000.5 f && tar --format=pax -cf a.tar f"], workingDirectory: root),
                                                killGracePeriod: .seconds(1)) { _, _ in }
        try #require(status.succeeded)
        let archive = Array(try Data(contentsOf: URL(fileURLWithPath: root + "/a.tar")))
        let needle = Array("mtime=1700000000.5".utf8)
        let at = try #require((0...(archive.count - needle.count)).first { Array(archive[$0..<($0 + needle.count)]) == needle })
        #expect(try Self.read(archive, pieces: { _ in 4096 }).first?.header.modificationTime == FileTime(seconds: 1_700_000_000, nanoseconds: 500_000_000))
        for garbage in ["mtime=17e0000000.5", "mtime=1700000000.x", "mtime=-.--------"] {
            var hostile = archive
            hostile.replaceSubrange(at..<(at + needle.count), with: Array(garbage.utf8))
            #expect(throws: TarError.self, "\(garbage)") { _ = try Self.read(hostile, pieces: { _ in 4096 }) }
        }
    }
}
