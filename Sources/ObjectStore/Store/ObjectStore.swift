import Foundation
import NIOCore

/// Where artifacts live: a flat namespace of keys holding byte streams.
///
/// Backends stream in both directions so memory stays bounded no matter how large
/// an object is; a `put` either stores the whole object or nothing visible under
/// the key (a reader never sees a partial upload).
public protocol ObjectStore: Sendable {
    /// A short description for messages, e.g. `s3://bucket` or `file:///path`.
    var displayName: String { get }

    /// Stores a stream of unknown total length under `key`, replacing any object there.
    @discardableResult
    func put(key: String, body: ByteStream) async throws -> ObjectInfo

    /// Opens the object as a stream of chunks.
    func get(key: String) async throws -> ByteStream

    /// Bytes `range` of an object, for readers that need a small part of a large
    /// object (one blob of a pack); a range past the end is cut at the end.
    func get(key: String, range: Range<Int64>) async throws -> [UInt8]

    /// Size and time of an object; throws `ObjectStoreError.notFound` if missing.
    func head(key: String) async throws -> ObjectInfo

    /// Every object whose key starts with `prefix`, sorted by key (pagination handled).
    func list(prefix: String) async throws -> [ObjectInfo]

    /// Deletes one object; deleting a missing object is not an error.
    func delete(key: String) async throws

    /// Deletes many objects, in as few requests as the backend allows.
    func deleteMany(keys: [String]) async throws

    /// Removes leftovers of interrupted uploads under `prefix` (S3 multipart uploads
    /// that were never completed or aborted). Filesystem stores have none.
    func cleanupIncompleteUploads(prefix: String) async throws

    /// Releases connections; the store must not be used afterwards.
    func shutdown() async throws

    /// A cheap check, before a run starts, that objects can be stored here at
    /// all, so a run is refused before its first phase instead of failing on its
    /// last write (a freeze and a snapshot already done for nothing). Throws
    /// ``ObjectStoreError/notWritable(store:reason:fix:)`` or a connection error
    /// that says what to fix. Passing does not promise that every later write
    /// succeeds (a disk can fill up); each backend documents what it checks.
    func checkWritable() async throws
}

extension ObjectStore {
    /// Reads the object from its start and keeps the range: right for any
    /// backend, efficient only for small objects (S3 and files override it).
    public func get(key: String, range: Range<Int64>) async throws -> [UInt8] {
        var kept: [UInt8] = []
        var position: Int64 = 0
        for try await buffer in try await get(key: key) {
            let start = position
            position += Int64(buffer.readableBytes)
            let low = max(range.lowerBound, start), high = min(range.upperBound, position)
            if low < high { kept += buffer.getBytes(at: buffer.readerIndex + Int(low - start), length: Int(high - low)) ?? [] }
            if position >= range.upperBound { break }
        }
        return kept
    }

    /// Stores with nothing cheap to check accept by default.
    public func checkWritable() async throws {}
    public func cleanupIncompleteUploads(prefix: String) async throws {}
    public func shutdown() async throws {}
}

/// What a store knows about one object.
public struct ObjectInfo: Sendable, Hashable, Codable {
    public var key: String
    public var size: Int64
    public var lastModified: Date?
    public var etag: String?

    public init(key: String, size: Int64, lastModified: Date? = nil, etag: String? = nil) {
        self.key = key
        self.size = size
        self.lastModified = lastModified
        self.etag = etag
    }
}
