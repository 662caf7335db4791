import Foundation

/// What S3 says in its XML bodies, read apart from the HTTP exchange: each kind
/// of answer is interpreted by one function here, so the interpretation is
/// tested (and fuzzed, `Fuzz/`) without a server. A body that is not XML, or
/// not the expected document, reads as `nil` or as empty fields, never as a crash.
public enum S3Answer {
    /// The fields of an S3 error: `<Error><Code>…</Code><Message>…</Message></Error>`,
    /// and in a DeleteObjects result, the `Key` it concerns.
    public struct ErrorFields: Sendable, Equatable {
        public var code: String?
        public var message: String?
        public var key: String?

        public init(code: String?, message: String?, key: String? = nil) {
            self.code = code
            self.message = message
            self.key = key
        }
    }

    /// One page of a ListObjectsV2 answer.
    public struct ListingPage: Sendable, Equatable {
        /// The page's objects, without folder markers (keys ending in `/`).
        public var objects: [ObjectInfo]
        public var isTruncated: Bool
        public var continuationToken: String?
    }

    /// One page of a ListMultipartUploads answer.
    public struct UploadsPage: Sendable, Equatable {
        public var uploads: [Upload]
        public var isTruncated: Bool
        public var nextKeyMarker: String?
        public var nextUploadIDMarker: String?
    }

    public struct Upload: Sendable, Equatable {
        public var key: String
        public var uploadID: String

        public init(key: String, uploadID: String) {
            self.key = key
            self.uploadID = uploadID
        }
    }

    /// How a CompleteMultipartUpload answer ended: S3 may answer 200 and still
    /// report an error in the body.
    public enum Completion: Sendable, Equatable {
        case completed(etag: String?)
        case failed(ErrorFields)
    }

    /// `Code` and `Message` of an error body, whatever its root is called; nil
    /// when the body is not XML.
    public static func errorFields(_ body: Data) -> ErrorFields? {
        XMLTree.parse(body).map { ErrorFields(code: $0.value("Code"), message: $0.value("Message")) }
    }

    /// The first failed key of a DeleteObjects answer (`<DeleteResult><Error>…`).
    public static func firstDeleteError(_ body: Data) -> ErrorFields? {
        guard let failed = XMLTree.parse(body)?.all("Error").first else { return nil }
        return ErrorFields(code: failed.value("Code"), message: failed.value("Message"), key: failed.value("Key"))
    }

    /// The `UploadId` of a CreateMultipartUpload answer; nil when missing or empty.
    public static func uploadID(_ body: Data) -> String? {
        guard let id = XMLTree.parse(body)?.value("UploadId"), !id.isEmpty else { return nil }
        return id
    }

    public static func completion(_ body: Data) -> Completion {
        guard let tree = XMLTree.parse(body) else { return .completed(etag: nil) }
        if tree.name == "Error" {
            return .failed(ErrorFields(code: tree.value("Code"), message: tree.value("Message")))
        }
        return .completed(etag: tree.value("ETag"))
    }

    /// A ListObjectsV2 page; nil when the body is not XML.
    public static func listingPage(_ body: Data) -> ListingPage? {
        guard let tree = XMLTree.parse(body) else { return nil }
        var objects: [ObjectInfo] = []
        for item in tree.all("Contents") {
            // Keys ending in "/" are folder markers (consoles and filesystem-
            // backed servers create them); no store of ours writes such keys.
            guard let key = item.value("Key"), !key.hasSuffix("/") else { continue }
            objects.append(ObjectInfo(
                key: key, size: Int64(item.value("Size") ?? "") ?? 0,
                lastModified: item.value("LastModified").flatMap(parseISODate),
                etag: item.value("ETag")))
        }
        return ListingPage(objects: objects, isTruncated: tree.value("IsTruncated") == "true",
                           continuationToken: tree.value("NextContinuationToken"))
    }

    /// A ListMultipartUploads page; nil when the body is not XML.
    public static func uploadsPage(_ body: Data) -> UploadsPage? {
        guard let tree = XMLTree.parse(body) else { return nil }
        let uploads = tree.all("Upload").compactMap { upload -> Upload? in
            guard let key = upload.value("Key"), let id = upload.value("UploadId") else { return nil }
            return Upload(key: key, uploadID: id)
        }
        return UploadsPage(uploads: uploads, isTruncated: tree.value("IsTruncated") == "true",
                           nextKeyMarker: tree.value("NextKeyMarker"), nextUploadIDMarker: tree.value("NextUploadIdMarker"))
    }

    static func parseISODate(_ text: String) -> Date? {
        let withFraction = ISO8601DateFormatter()
        withFraction.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = withFraction.date(from: text) { return date }
        return ISO8601DateFormatter().date(from: text)
    }
}
