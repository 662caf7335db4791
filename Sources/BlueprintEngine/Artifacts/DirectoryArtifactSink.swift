import Foundation

/// The default sink until the object store is wired in: files in a directory,
/// written to a temporary name and renamed when complete so a partial file is
/// never mistaken for an artifact.
public struct DirectoryArtifactSink: ArtifactSink {
    public var directory: URL

    public init(directory: URL) { self.directory = directory }

    public enum SinkError: Error, CustomStringConvertible {
        case invalidName(String)
        case cannotWrite(String, errno: Int32)

        public var description: String {
            switch self {
            case .invalidName(let name): return "invalid artifact name \"\(name)\" (use letters, digits, '-', '_' and '.')"
            case .cannotWrite(let path, let code): return "cannot write \(path): \(String(cString: strerror(code)))"
            }
        }
    }

    public func store<Bytes: AsyncSequence & Sendable>(name: String, data: Bytes) async throws -> StoredArtifact
        where Bytes.Element == [UInt8] {
        guard !name.isEmpty, !name.contains("/"), name != ".", name != ".." else { throw SinkError.invalidName(name) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let final = directory.appendingPathComponent(name)
        let partial = directory.appendingPathComponent(".\(name).partial")
        guard FileManager.default.createFile(atPath: partial.path, contents: nil) else {
            throw SinkError.cannotWrite(partial.path, errno: errno)
        }
        let handle = try FileHandle(forWritingTo: partial)
        var size: Int64 = 0
        do {
            for try await chunk in data {
                try handle.write(contentsOf: chunk)
                size += Int64(chunk.count)
            }
            try handle.close()
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(at: partial)
            throw error
        }
        guard rename(partial.path, final.path) == 0 else { throw SinkError.cannotWrite(final.path, errno: errno) }
        return StoredArtifact(name: name, location: final.path, size: size)
    }

    public func open(_ artifact: StoredArtifact) async throws -> AsyncThrowingStream<[UInt8], any Error> {
        let data = try Data(contentsOf: URL(fileURLWithPath: artifact.location))
        return AsyncThrowingStream { continuation in
            var offset = 0
            while offset < data.count {
                let end = min(offset + 65_536, data.count)
                continuation.yield([UInt8](data[offset..<end]))
                offset = end
            }
            continuation.finish()
        }
    }
}
