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

    /// An S3 timestamp (RFC 3339: `2024-05-01T10:00:00.000Z`, or with an offset),
    /// read here rather than by ISO8601DateFormatter: that hands the fraction to
    /// ICU, which dies of SIGFPE on a long one (found by Fuzz/, target s3xml).
    static func parseISODate(_ text: String) -> Date? {
        let b = Array(text.utf8)
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= b.count else { return nil }
            var value = 0
            for i in from..<from + count {
                let digit = b[i] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                value = value * 10 + Int(digit)
            }
            return value
        }
        func byte(_ i: Int, _ expected: Character) -> Bool { i < b.count && b[i] == expected.asciiValue! }
        guard let year = number(0, 4), byte(4, "-"), let month = number(5, 2), byte(7, "-"), let day = number(8, 2),
              byte(10, "T") || byte(10, "t"), let hour = number(11, 2), byte(13, ":"), let minute = number(14, 2),
              byte(16, ":"), let second = number(17, 2),
              year >= 1, (1...12).contains(month), hour < 24, minute < 60, second < 61
        else { return nil }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard day >= 1, day <= monthDays[month - 1] else { return nil }
        var index = 19
        var fraction = 0.0
        if byte(index, ".") {
            index += 1
            let start = index
            var scale = 0.1
            while index < b.count, let digit = number(index, 1) {
                fraction += Double(digit) * scale
                scale /= 10
                index += 1
            }
            guard index > start else { return nil }
        }
        var offset = 0
        if byte(index, "Z") || byte(index, "z") {
            index += 1
        } else if byte(index, "+") || byte(index, "-"), let h = number(index + 1, 2), byte(index + 3, ":"),
                  let m = number(index + 4, 2), h < 24, m < 60 {
            offset = (byte(index, "-") ? -1 : 1) * (h * 3600 + m * 60)
            index += 6
        } else {
            return nil
        }
        guard index == b.count else { return nil }
        // Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's days_from_civil).
        let y = month <= 2 ? year - 1 : year
        let era = y / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }
}
