import Crypto
import Foundation
import NIOCore
import Testing
@testable import ObjectStore

/// Artifact guarantees against the real S3 server: corruption is detected and
/// named, and an upload cut off by a dying server leaves no manifest and can be
/// redone.
@Suite(.enabled(if: S3TestServer.shouldRun, "needs S3_ENDPOINT from ../shared/s3/start.sh"), .serialized)
struct S3ArtifactTests {
    @Test func corruptingOneStoredByteOnTheServerMakesVerifyNameTheObject() async throws {
        let server = try PrivateS3Server(port: Int(S3TestServer.environment["S3_THIRD_PORT"] ?? "") ?? 9048)
        try await server.withRunning {
            let store = try await S3TestServer.store(endpoint: server.endpoint)
            let artifacts = ArtifactStore(store: store, prefix: "corrupt")
            let run = "run-\(UUID().uuidString.prefix(8))"
            let marker = "MARKER-\(UUID().uuidString)-"
            var content = Array(marker.utf8)
            content += (0..<50_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            let writer = try await artifacts.writer(app: "db", action: "backup", run: run)
            try await writer.store(name: "intact.bin", .generated(total: 70_000, seed: 11))
            try await writer.store(name: "target.bin", ByteStream(data: content))
            try await writer.commit(blueprint: "bp")
            #expect(try await artifacts.verify(run: run).isValid)
            try await store.shutdown()

            // The server keeps the object as a block file (and a copy in its local
            // disk cache). Stop it, flip one byte in every copy, start it again so no
            // memory cache can hide the damage.
            try await server.stop(keepData: true)
            let copies = try serverFiles(containing: Array(marker.utf8), size: content.count, under: [
                server.dataDir, "/var/jfsCache", NSHomeDirectory() + "/.juicefs/cache",
            ])
            try #require(!copies.isEmpty, "the object's block file was not found under \(server.dataDir)")
            for file in copies { try flipByte(in: file, at: 20_000) }
            try await server.start()

            let reopened = try await S3TestServer.store(endpoint: server.endpoint)
            let report = try await ArtifactStore(store: reopened, prefix: "corrupt").verify(run: run)
            #expect(!report.isValid, "flipped a byte in \(copies.map(\.path))")
            #expect(report.results.first { $0.object.name == "intact.bin" }?.problem == nil)
            let problem = try #require(report.results.first { $0.object.name == "target.bin" }?.problem)
            #expect(problem.contains("\"target.bin\""))
            #expect(problem.contains("corrupt"))
            try await reopened.shutdown()
        }
    }

    /// Files of `size` bytes (plus a small trailer) that start with `marker`.
    func serverFiles(containing marker: [UInt8], size: Int, under roots: [String]) throws -> [URL] {
        var found: [URL] = []
        for root in roots where FileManager.default.fileExists(atPath: root) {
            guard let walker = FileManager.default.enumerator(
                at: URL(fileURLWithPath: root), includingPropertiesForKeys: [.fileSizeKey]) else { continue }
            while let url = walker.nextObject() as? URL {
                // A cache copy carries a few bytes of checksums after the data.
                guard let fileSize = try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize,
                      fileSize >= size, fileSize <= size + 1024,
                      let handle = try? FileHandle(forReadingFrom: url) else { continue }
                let head = try handle.read(upToCount: marker.count)
                try handle.close()
                if head.map(Array.init) == marker { found.append(url) }
            }
        }
        return found
    }

    /// A download whose server goes away mid-range and comes back resumes each
    /// range from its last byte: the object arrives whole and verified.
    @Test func aDownloadResumesAfterTheServerRestarts() async throws {
        let server = try PrivateS3Server(port: Int(S3TestServer.environment["S3_FOURTH_PORT"] ?? "") ?? 9049)
        try await server.withRunning {
            let store = try await S3TestServer.store(endpoint: server.endpoint, maxAttempts: 10,
                                                     rangeSize: 1 << 20, rangesInFlight: 2)
            let key = "resume/object.bin"
            let size: Int64 = 24 << 20
            try await store.put(key: key, body: .generated(total: size, seed: 9))
            var iterator = try await store.get(key: key).makeAsyncIterator()
            var hasher = SHA256()
            var received: Int64 = 0
            var restarted = false
            while let chunk = try await iterator.next() {
                chunk.withUnsafeReadableBytes { hasher.update(bufferPointer: $0) }
                received += Int64(chunk.readableBytes)
                if received >= 3 << 20, !restarted {
                    restarted = true
                    try await server.stop(keepData: true)
                    try await server.start()
                }
            }
            #expect(restarted)
            #expect(received == size)
            let expected = try await digest(of: .generated(total: size, seed: 9))
            #expect(hasher.finalize().map { String(format: "%02x", $0) }.joined() == expected.sha256)
            try await store.shutdown()
        }
    }

    @Test func serverStoppedMidUploadLeavesNoManifestAndTheRunSucceedsAfterRestart() async throws {
        let server = try PrivateS3Server(port: Int(S3TestServer.environment["S3_SECOND_PORT"] ?? "") ?? 9047)
        try await server.withRunning {
            let endpoint = server.endpoint

            let size: Int64 = 96 << 20
            let expected = try await digest(of: .generated(total: size, seed: 5))
            let run = "run-interrupted"

            // First attempt: the server is stopped after 40 MiB have been produced.
            do {
                let store = try await S3TestServer.store(endpoint: endpoint, partSize: 5 << 20, partsInFlight: 2, maxAttempts: 3)
                let artifacts = ArtifactStore(store: store, prefix: "interrupt")
                let writer = try await artifacts.writer(app: "db", action: "backup", run: run)
                let source = ByteStream.generated(total: size, seed: 5)
                let interrupted = ByteStream {
                    var iterator = source.makeAsyncIterator()
                    var produced: Int64 = 0
                    var stopped = false
                    return {
                        guard let chunk = try await iterator.next() else { return nil }
                        produced += Int64(chunk.readableBytes)
                        if produced >= 40 << 20, !stopped {
                            stopped = true
                            try await server.stop(keepData: true)
                        }
                        return chunk
                    }
                }
                let error = await #expect(throws: ObjectStoreError.self) {
                    try await writer.store(name: "data.bin", interrupted)
                }
                #expect(error?.description.contains("data.bin") == true)
                try await store.shutdown()
            }

            // Restart on the same data; the run is not complete and can be redone.
            try await server.start()
            let store = try await S3TestServer.store(endpoint: endpoint, partSize: 5 << 20, partsInFlight: 2)
            let artifacts = ArtifactStore(store: store, prefix: "interrupt")
            await #expect(throws: ObjectStoreError.self) {
                try await store.head(key: "interrupt/db/backup/\(run)/manifest.json")
            }
            #expect(try await artifacts.list().isEmpty)

            let writer = try await artifacts.writer(app: "db", action: "backup", run: run)
            // Starting the run again cleaned up the upload the dead server left open.
            #expect(try await store.incompleteUploads(prefix: "interrupt/").isEmpty)
            let record = try await writer.store(name: "data.bin", .generated(total: size, seed: 5))
            try await writer.commit(blueprint: "bp")
            #expect(record.sha256 == expected.sha256)
            #expect(try await artifacts.list().map(\.run) == [run])
            #expect(try await artifacts.verify(run: run).isValid)
            #expect(try await digest(of: try await artifacts.open(run: run, name: "data.bin")) == expected)
            #expect(try await store.incompleteUploads(prefix: "interrupt/").isEmpty)
            try await store.shutdown()
        }
    }
}
