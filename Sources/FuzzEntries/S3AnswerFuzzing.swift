import Foundation
import ObjectStore

/// An S3 answer body read as each kind of answer the store expects, as a hostile
/// or broken S3-compatible server could send it.
enum S3AnswerFuzzing {
    static func run(_ data: Data) {
        _ = S3Answer.errorFields(data)
        _ = S3Answer.firstDeleteError(data)
        _ = S3Answer.uploadID(data)
        _ = S3Answer.completion(data)
        _ = S3Answer.listingPage(data)
        _ = S3Answer.uploadsPage(data)
    }
}
