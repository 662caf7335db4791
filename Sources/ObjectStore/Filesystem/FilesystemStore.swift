import Foundation
import NIOCore

/// Objects as files under a root folder: the default store, nothing to set up.
///
/// A put writes to a temporary file inside the root and renames it into place, so
/// an interrupted write never shows up under its key (rename is atomic on one
/// filesystem). Keys are validated so none can escape the root.
public struct FilesystemStore: ObjectStore {
    public let root: URL
    /// Bytes per chunk when reading files.
    public var readChunkSize: Int

    /// Temporary files live here, inside the root so the final rename stays on one
    /// filesystem; listing skips it.
    static let temporaryFolderName = ".blueprint-tmp"

    public init(root: URL, readChunkSize: Int = 1 << 20) {
        self.root = root.standardizedFileURL
        self.readChunkSize = readChunkSize
    }

    public var displayName: String { root.path }

    /// Maps a key to a path below the root, rejecting anything that could escape it.
    func path(for key: String) throws -> URL {
        guard !key.isEmpty else { throw ObjectStoreError.invalidKey(key: key, reason: "the key is empty") }
        guard !key.hasPrefix("/") else {
            throw ObjectStoreError.invalidKey(key: key, reason: "a key must not start with \"/\"")
        }
        guard !key.contains("\0") else {
            throw ObjectStoreError.invalidKey(key: key, reason: "a key must not contain a NUL character")
        }
        let components = key.split(separator: "/", omittingEmptySubsequences: false)
        for component in components {
            if component.isEmpty {
                throw ObjectStoreError.invalidKey(key: key, reason: "a key must not contain empty path segments (\"//\" or a trailing \"/\")")
            }
            if component == "." || component == ".." {
                throw ObjectStoreError.invalidKey(key: key, reason: "a key must not contain \".\" or \"..\" segments")
            }
        }
        if components.first.map(String.init) == Self.temporaryFolderName {
            throw ObjectStoreError.invalidKey(key: key, reason: "\(Self.temporaryFolderName) is reserved for uploads in progress")
        }
        return root.appendingPathComponent(key, isDirectory: false)
    }

    @discardableResult
    public func put(key: String, body: ByteStream) async throws -> ObjectInfo {
        let destination = try path(for: key)
        let fm = FileManager.default
        let tmpFolder = root.appendingPathComponent(Self.temporaryFolderName, isDirectory: true)
        let temporary = tmpFolder.appendingPathComponent(UUID().uuidString)
        do {
            try fm.createDirectory(at: tmpFolder, withIntermediateDirectories: true)
            try fm.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw ObjectStoreError.io(operation: "put", path: destination.path, reason: Self.reason(error))
        }
        guard fm.createFile(atPath: temporary.path, contents: nil) else {
            throw ObjectStoreError.io(operation: "put", path: temporary.path, reason: "cannot create a temporary file")
        }
        var size: Int64 = 0
        do {
            let handle: FileHandle
            do {
                handle = try FileHandle(forWritingTo: temporary)
            } catch {
                throw ObjectStoreError.io(operation: "put", path: temporary.path, reason: Self.reason(error))
            }
            do {
                for try await chunk in body {
                    do {
                        try chunk.withUnsafeReadableBytes { try handle.write(contentsOf: $0) }
                        size += Int64(chunk.readableBytes)
                    } catch {
                        throw ObjectStoreError.io(operation: "put", path: destination.path, reason: Self.reason(error))
                    }
                }
                do {
                    try handle.synchronize()
                    try handle.close()
                } catch {
                    throw ObjectStoreError.io(operation: "put", path: destination.path, reason: Self.reason(error))
                }
            } catch {
                try? handle.close()
                throw error
            }
            if rename(temporary.path, destination.path) != 0 {
                throw ObjectStoreError.io(operation: "put", path: destination.path, reason: String(cString: strerror(errno)))
            }
        } catch {
            // Errors of the source stream reach the caller unchanged; local file
            // errors were already turned into `ObjectStoreError.io` above.
            try? fm.removeItem(at: temporary)
            throw error
        }
        let modified = (try? fm.attributesOfItem(atPath: destination.path)[.modificationDate]) as? Date
        return ObjectInfo(key: key, size: size, lastModified: modified)
    }

    public func get(key: String) async throws -> ByteStream {
        let file = try path(for: key)
        // Only regular files are objects (as in `head` and `list`): a folder would
        // fail with an obscure error and a FIFO would block the read forever.
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: file.path),
              (attributes[.type] as? FileAttributeType) == .typeRegular
        else {
            throw ObjectStoreError.notFound(operation: "get", store: displayName, key: key)
        }
        let chunkSize = readChunkSize
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: file)
        } catch {
            throw ObjectStoreError.io(operation: "get", path: file.path, reason: Self.reason(error))
        }
        // The handle is opened eagerly (so a missing file fails here) and closed at
        // the end of the stream; a stream can be iterated once.
        let box = HandleBox(handle)
        return ByteStream {
            return {
                try box.read(chunkSize: chunkSize, path: file.path)
            }
        }
    }

    public func get(key: String, range: Range<Int64>) async throws -> [UInt8] {
        let file = try path(for: key)
        guard let handle = FileHandle(forReadingAtPath: file.path) else {
            throw ObjectStoreError.notFound(operation: "get", store: displayName, key: key)
        }
        defer { try? handle.close() }
        do {
            try handle.seek(toOffset: UInt64(max(range.lowerBound, 0)))
            return Array(try handle.read(upToCount: Int(range.upperBound - max(range.lowerBound, 0))) ?? Data())
        } catch {
            throw ObjectStoreError.io(operation: "get", path: file.path, reason: Self.reason(error))
        }
    }

    public func head(key: String) async throws -> ObjectInfo {
        let file = try path(for: key)
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: file.path),
              (attributes[.type] as? FileAttributeType) == .typeRegular
        else {
            throw ObjectStoreError.notFound(operation: "head", store: displayName, key: key)
        }
        let size = (attributes[.size] as? NSNumber)?.int64Value ?? 0
        return ObjectInfo(key: key, size: size, lastModified: attributes[.modificationDate] as? Date)
    }

    public func list(prefix: String) async throws -> [ObjectInfo] {
        let fm = FileManager.default
        guard fm.fileExists(atPath: root.path) else { return [] }
        // Walk only the deepest folder the prefix names fully, then filter.
        let folderPart = prefix.contains("/") ? String(prefix[..<prefix.lastIndex(of: "/")!]) : ""
        if !folderPart.isEmpty, folderPart.split(separator: "/").contains(where: { $0 == ".." || $0 == "." }) {
            throw ObjectStoreError.invalidKey(key: prefix, reason: "a prefix must not contain \".\" or \"..\" segments")
        }
        let start = folderPart.isEmpty ? root : root.appendingPathComponent(folderPart, isDirectory: true)
        guard let enumerator = fm.enumerator(
            at: start, includingPropertiesForKeys: [.isRegularFileKey, .fileSizeKey, .contentModificationDateKey]
        ) else { return [] }
        let rootPath = root.path.hasSuffix("/") ? root.path : root.path + "/"
        var result: [ObjectInfo] = []
        while let url = enumerator.nextObject() as? URL {
            let path = url.standardizedFileURL.path
            guard path.hasPrefix(rootPath) else { continue }
            let key = String(path.dropFirst(rootPath.count))
            if key == Self.temporaryFolderName {
                enumerator.skipDescendants()
                continue
            }
            let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .fileSizeKey, .contentModificationDateKey])
            guard values?.isRegularFile == true, key.hasPrefix(prefix) else { continue }
            result.append(ObjectInfo(
                key: key, size: Int64(values?.fileSize ?? 0), lastModified: values?.contentModificationDate))
        }
        return result.sorted { $0.key < $1.key }
    }

    public func delete(key: String) async throws {
        let file = try path(for: key)
        let fm = FileManager.default
        guard fm.fileExists(atPath: file.path) else { return }
        do {
            try fm.removeItem(at: file)
        } catch {
            throw ObjectStoreError.io(operation: "delete", path: file.path, reason: Self.reason(error))
        }
        removeEmptyParents(of: file)
    }

    public func deleteMany(keys: [String]) async throws {
        for key in keys { try await delete(key: key) }
    }

    /// Folders exist only to hold objects; drop the ones a delete left empty so
    /// listings and `ls` stay clean.
    private func removeEmptyParents(of file: URL) {
        let fm = FileManager.default
        var folder = file.deletingLastPathComponent().standardizedFileURL
        while folder.path.count > root.path.count, folder.path.hasPrefix(root.path) {
            guard let contents = try? fm.contentsOfDirectory(atPath: folder.path), contents.isEmpty else { return }
            try? fm.removeItem(at: folder)
            folder = folder.deletingLastPathComponent().standardizedFileURL
        }
    }

    static func reason(_ error: any Error) -> String {
        if let error = error as? ObjectStoreError { return error.description }
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
        // Foundation on Linux often drops the errno and keeps only a Cocoa code,
        // whose own text is "NSCocoaErrorDomain error 512".
        if ns.domain == NSCocoaErrorDomain {
            switch CocoaError.Code(rawValue: ns.code) {
            case .fileNoSuchFile, .fileReadNoSuchFile: return "no such file or directory"
            case .fileReadNoPermission, .fileWriteNoPermission: return "permission denied"
            case .fileWriteOutOfSpace: return "no space left on the device"
            case .fileWriteVolumeReadOnly: return "read-only filesystem"
            case .fileWriteFileExists: return "a file already exists there"
            case .fileReadTooLarge: return "the file is too large"
            default: break
            }
        }
        return ns.localizedDescription
    }
}

/// Owns an open file during a streamed read and closes it at the end.
private final class HandleBox: @unchecked Sendable {
    private var handle: FileHandle?
    init(_ handle: FileHandle) { self.handle = handle }

    func read(chunkSize: Int, path: String) throws -> ByteBuffer? {
        guard let handle else { return nil }
        do {
            if let data = try handle.read(upToCount: chunkSize), !data.isEmpty {
                return ByteBuffer(bytes: data)
            }
        } catch {
            try? handle.close()
            self.handle = nil
            throw ObjectStoreError.io(operation: "get", path: path, reason: FilesystemStore.reason(error))
        }
        try? handle.close()
        self.handle = nil
        return nil
    }

    deinit { try? handle?.close() }
}
