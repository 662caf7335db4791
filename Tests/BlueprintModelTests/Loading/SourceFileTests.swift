@testable import BlueprintModel
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Reading an input file: anything but a regular file is refused by name before
/// a byte is read, a directory is called a directory, and a huge file costs no
/// more than the size limit.
@Suite struct SourceFileTests {
    static func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sourcefile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func aFIFOIsRefusedAsNotARegularFileWithoutBlocking() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = dir.appendingPathComponent("bp.yaml").path
        #expect(mkfifo(fifo, 0o600) == 0)
        // No writer ever opens it: a blocking open or read would hang here.
        #expect(throws: SourceFileError.notRegularFile(path: fifo, kind: "a FIFO (named pipe)")) {
            try SourceFile.read(fifo)
        }
        let diagnostics = BlueprintLoader.load(file: fifo).diagnostics
        #expect(diagnostics.map(\.description) == [
            "\(fifo):1:1: error: is not a regular file (it is a FIFO (named pipe))\n"
                + "    hint: save the content to a file and pass that file's path",
        ])
    }

    @Test func devZeroIsRefusedAsADeviceNotReadForever() {
        #expect(throws: SourceFileError.notRegularFile(path: "/dev/zero", kind: "a character device")) {
            try SourceFile.read("/dev/zero")
        }
        #expect(!(BlueprintLoader.load(file: "/dev/zero").diagnostics.first?.message.contains("permission") ?? true))
    }

    @Test func aDirectoryIsCalledADirectory() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let diagnostics = BlueprintLoader.load(file: dir.path).diagnostics
        #expect(diagnostics.map(\.message) == ["is a directory, not a file"])
        #expect(diagnostics.first?.hint?.contains("`blueprint validate` also accepts a directory") == true)
        #expect(!diagnostics.description.contains("NSCocoaErrorDomain"))
    }

    @Test func aMissingFileIsNamedAsMissing() {
        #expect(throws: SourceFileError.notFound(path: "/nonexistent/bp.yaml")) { try SourceFile.read("/nonexistent/bp.yaml") }
    }

    @Test func aFileOverTheLimitIsRefusedByItsSizeWithoutReadingIt() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("huge.yaml").path
        // A sparse 1 GiB file: reading it whole would take 1 GiB of memory.
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 1 << 30)
        try handle.close()
        let before = try #require(ProcessMemory.peakResidentBytes())
        let diagnostics = BlueprintLoader.load(file: path).diagnostics
        let after = try #require(ProcessMemory.peakResidentBytes())
        #expect(diagnostics.map(\.description) == [
            "\(path):1:1: error: the file is 1073741824 bytes, larger than the limit of 4 MiB for a YAML file\n"
                + "    hint: blueprints are rarely over 100 KiB; split the file, or move large data out of it (into a ConfigMap or the object store)",
        ])
        #expect(after - before < 100 << 20, "peak RSS grew by \(after - before) bytes")
    }

    @Test func aFileAtTheLimitIsRead() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("exact.yaml").path
        let text = "k: " + String(repeating: "v", count: 61)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let limits = YAMLLimits(maxBytes: 64, maxDepth: 100, maxAliasExpansions: 10, maxNodes: 10, maxExpandedBytes: 64)
        #expect(try SourceFile.read(path, limits: limits) == text)
    }

    @Test func validateReadsThroughTheSameChecks() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = dir.appendingPathComponent("pipe.yaml").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let report = ValidationReport.validate(paths: [fifo], catalog: [:])
        #expect(report.diagnostics.map(\.message) == ["is not a regular file (it is a FIFO (named pipe))"])
    }
}
