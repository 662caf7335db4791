import Foundation
import NIOCore
import ObjectStore

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
        where Bytes.Element == ByteBuffer {
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
                try handle.write(contentsOf: Data(chunk.readableBytesView))
                size += Int64(chunk.readableBytes)
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

    /// Reads the file in 1 MiB chunks as they are asked for.
    public func open(_ artifact: StoredArtifact) async throws -> ByteStream {
        let url = URL(fileURLWithPath: artifact.location)
        _ = try FileHandle(forReadingFrom: url)  // a missing file fails here, not mid-stream
        return ByteStream {
            let handle = try? FileHandle(forReadingFrom: url)
            return {
                guard let handle, let data = try handle.read(upToCount: 1 << 20), !data.isEmpty else {
                    try? handle?.close()
                    return nil
                }
                return ByteBuffer(bytes: data)
            }
        }
    }
}
