import Foundation
import Testing
@testable import ObjectStore

/// `checkWritable` refuses, before a run starts, a store that could never take
/// its artifacts, and leaves nothing behind in one that can.
@Suite struct FilesystemWritableTests {
    @Test func aMissingDirectoryIsCreatedAndTheProbeLeavesNoObject() async throws {
        let root = try temporaryFolder("writable").appendingPathComponent("not/yet/there")
        let store = FilesystemStore(root: root)
        try await store.checkWritable()
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory) && isDirectory.boolValue)
        #expect(try await store.list(prefix: "").isEmpty)
        let uploads = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(".blueprint-tmp").path)
        #expect(uploads.isEmpty, "probe files left: \(uploads)")
    }

    @Test func aFileWhereTheDirectoryShouldBeIsRefusedWithTheFix() async throws {
        let file = try temporaryFolder("writable").appendingPathComponent("artifacts")
        try Data("x".utf8).write(to: file)
        let error = await #expect(throws: ObjectStoreError.self) { try await FilesystemStore(root: file).checkWritable() }
        guard case .notWritable? = error else {
            Issue.record("expected notWritable, got \(String(describing: error))")
            return
        }
        let text = error?.description ?? ""
        #expect(text.contains("the object store \(file.path) cannot be written: it exists and is not a directory"))
        #expect(text.contains("location.path"))
    }

    @Test func aDirectoryUnderAFileCannotBeCreatedAndSaysSo() async throws {
        let file = try temporaryFolder("writable").appendingPathComponent("plain-file")
        try Data("x".utf8).write(to: file)
        let root = file.appendingPathComponent("artifacts")
        let error = await #expect(throws: ObjectStoreError.self) { try await FilesystemStore(root: root).checkWritable() }
        let text = error?.description ?? ""
        #expect(text.contains("the directory does not exist and cannot be created"), "\(text)")
        #expect(text.contains("Not a directory") || text.contains("not a directory"), "\(text)")
    }

    /// Root ignores permission bits, so this runs only as another user.
    @Test(.enabled(if: geteuid() != 0, "root can write to a read-only directory"))
    func aReadOnlyDirectoryIsRefused() async throws {
        let root = try temporaryFolder("writable")
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: root.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: root.path) }
        let error = await #expect(throws: ObjectStoreError.self) { try await FilesystemStore(root: root).checkWritable() }
        #expect(error?.description.contains("Permission denied") == true, "\(String(describing: error))")
    }

    @Test func theArtifactStoreForwardsTheCheck() async throws {
        let file = try temporaryFolder("writable").appendingPathComponent("f")
        try Data().write(to: file)
        await #expect(throws: ObjectStoreError.self) {
            try await ArtifactStore(store: FilesystemStore(root: file)).checkWritable()
        }
    }
}
