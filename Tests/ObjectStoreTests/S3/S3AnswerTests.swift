import Foundation
import ObjectStore
import Testing

@Suite struct S3AnswerTests {
    func data(_ text: String) -> Data { Data(text.utf8) }

    @Test func listingPageSkipsFolderMarkersAndReadsTheContinuation() throws {
        let page = try #require(S3Answer.listingPage(data("""
            <ListBucketResult><IsTruncated>true</IsTruncated><NextContinuationToken>t2</NextContinuationToken>\
            <Contents><Key>a/b</Key><Size>12</Size><ETag>"e"</ETag><LastModified>2024-05-01T10:00:00.000Z</LastModified></Contents>\
            <Contents><Key>a/</Key><Size>0</Size></Contents><Contents><Key>c</Key><Size>junk</Size></Contents></ListBucketResult>
            """)))
        #expect(page.objects.map(\.key) == ["a/b", "c"])
        #expect(page.objects.map(\.size) == [12, 0])
        #expect(page.objects[0].etag == "\"e\"")
        #expect(page.objects[0].lastModified == Date(timeIntervalSince1970: 1_714_557_600))
        #expect(page.isTruncated)
        #expect(page.continuationToken == "t2")
    }

    @Test func bodiesThatAreNotXMLReadAsNothing() {
        #expect(S3Answer.listingPage(data("not xml")) == nil)
        #expect(S3Answer.errorFields(data("<Error><Code>")) == nil)
        #expect(S3Answer.completion(data("")) == .completed(etag: nil))
    }

    @Test func errorsAreReadFromEachKindOfAnswer() {
        #expect(S3Answer.errorFields(data("<Error><Code>NoSuchKey</Code><Message>gone</Message></Error>"))
            == S3Answer.ErrorFields(code: "NoSuchKey", message: "gone"))
        #expect(S3Answer.completion(data("<Error><Code>InternalError</Code></Error>"))
            == .failed(S3Answer.ErrorFields(code: "InternalError", message: nil)))
        #expect(S3Answer.completion(data("<CompleteMultipartUploadResult><ETag>\"x-2\"</ETag></CompleteMultipartUploadResult>"))
            == .completed(etag: "\"x-2\""))
        #expect(S3Answer.firstDeleteError(data("<DeleteResult><Deleted><Key>a</Key></Deleted><Error><Key>b</Key><Code>AccessDenied</Code></Error></DeleteResult>"))
            == S3Answer.ErrorFields(code: "AccessDenied", message: nil, key: "b"))
    }

    @Test func multipartAnswers() throws {
        #expect(S3Answer.uploadID(data("<InitiateMultipartUploadResult><UploadId>u1</UploadId></InitiateMultipartUploadResult>")) == "u1")
        #expect(S3Answer.uploadID(data("<InitiateMultipartUploadResult><UploadId></UploadId></InitiateMultipartUploadResult>")) == nil)
        let page = try #require(S3Answer.uploadsPage(data("""
            <ListMultipartUploadsResult><IsTruncated>true</IsTruncated><NextKeyMarker>k</NextKeyMarker>\
            <NextUploadIdMarker>u</NextUploadIdMarker><Upload><Key>k1</Key><UploadId>u1</UploadId></Upload><Upload><Key>k2</Key></Upload>\
            </ListMultipartUploadsResult>
            """)))
        #expect(page.uploads == [S3Answer.Upload(key: "k1", uploadID: "u1")])
        #expect(page.isTruncated && page.nextKeyMarker == "k" && page.nextUploadIDMarker == "u")
    }
}

extension S3AnswerTests {
    /// FoundationXML traps on an element name that is not UTF-8 (found by the
    /// s3xml fuzz target; the input is kept in Fuzz/Crashes/s3xml).
    @Test func bodiesThatAreNotUTF8AreNotAnswers() {
        let body = Data("<ListBucketResult><Contents><K".utf8) + Data([0xFF, 0xFE]) + Data("ey>a</Key></Contents></ListBucketResult>".utf8)
        #expect(S3Answer.listingPage(body) == nil)
        #expect(S3Answer.uploadsPage(body) == nil)
        #expect(S3Answer.errorFields(body) == nil)
    }
}

extension S3AnswerTests {
    /// FoundationXML calls strlen(NULL) on a processing instruction without data
    /// (found by the s3xml fuzz target; kept in Fuzz/Crashes/s3xml). S3 sends no
    /// processing instruction but the declaration, and no DTD.
    @Test func processingInstructionsAndDTDsAreNotAnswers() {
        #expect(S3Answer.errorFields(data("<?xm?>\n<Error><Code>X</Code></Error>")) == nil)
        #expect(S3Answer.errorFields(data("<Error><?pi?><Code>X</Code></Error>")) == nil)
        #expect(S3Answer.errorFields(data("<!DOCTYPE r [<!ENTITY a \"b\">]><Error><Code>&a;</Code></Error>")) == nil)
        #expect(S3Answer.errorFields(data("<?xml version=\"1.0\"?><Error><!-- c --><Code>X</Code></Error>"))
            == S3Answer.ErrorFields(code: "X", message: nil))
    }
}

extension S3AnswerTests {
    func modified(_ stamp: String) -> Date? {
        S3Answer.listingPage(data("<ListBucketResult><Contents><Key>k</Key><LastModified>\(stamp)</LastModified></Contents></ListBucketResult>"))?
            .objects.first?.lastModified
    }

    /// ISO8601DateFormatter hands a long fraction to ICU, which dies of SIGFPE
    /// (found by the s3xml fuzz target; kept in Fuzz/Crashes/s3xml).
    @Test func timestampsAreReadWithoutICUWhateverTheirFraction() {
        let long = modified("2024-05-01T10:00:00.55555555555555555555555555555555555555000Z")?.timeIntervalSince1970
        #expect(long.map { abs($0 - 1_714_557_600.555_555) < 1e-5 } == true)
        #expect(modified("2024-05-01T10:00:00Z") == Date(timeIntervalSince1970: 1_714_557_600))
        #expect(modified("2024-05-01T12:30:00+02:30") == Date(timeIntervalSince1970: 1_714_557_600))
        #expect(modified("2024-02-29T00:00:00.5Z") == Date(timeIntervalSince1970: 1_709_164_800.5))
        #expect(modified("2023-02-29T00:00:00Z") == nil)
        #expect(modified("2024-05-01 10:00:00Z") == nil)
        #expect(modified("2024-05-01T10:00:00.Z") == nil)
        #expect(modified("2024-05-01T10:00:00") == nil)
    }
}
