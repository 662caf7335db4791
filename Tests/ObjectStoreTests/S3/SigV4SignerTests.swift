import Foundation
import Testing
@testable import ObjectStore

/// Pinned to the worked example of AWS's "Signature Calculations for the
/// Authorization Header" page (S3, GET Object with a Range header).
@Suite struct SigV4SignerTests {
    let signer = SigV4Signer(
        credentials: S3Credentials(accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
        region: "us-east-1")

    /// 2013-05-24T00:00:00Z, the example's x-amz-date.
    let exampleDate = Date(timeIntervalSince1970: 1_369_353_600)

    @Test func awsExampleGetObjectSignature() {
        let headers = signer.sign(
            .init(method: "GET", encodedPath: "/test.txt",
                  headers: [("Host", "examplebucket.s3.amazonaws.com"), ("Range", "bytes=0-9")],
                  payloadHash: SigV4Signer.emptyPayloadHash),
            date: exampleDate)
        let authorization = headers.first { $0.0 == "authorization" }?.1
        #expect(authorization == "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
        #expect(headers.first { $0.0 == "x-amz-date" }?.1 == "20130524T000000Z")
    }

    @Test func awsExampleCanonicalRequest() {
        let request = SigV4Signer.Request(
            method: "GET", encodedPath: "/test.txt",
            headers: [("Host", "examplebucket.s3.amazonaws.com"), ("Range", "bytes=0-9"),
                      ("x-amz-content-sha256", SigV4Signer.emptyPayloadHash), ("x-amz-date", "20130524T000000Z")],
            payloadHash: SigV4Signer.emptyPayloadHash)
        let canonical = signer.canonicalRequest(request, headers: request.headers)
        #expect(canonical.request == """
            GET
            /test.txt

            host:examplebucket.s3.amazonaws.com
            range:bytes=0-9
            x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            x-amz-date:20130524T000000Z

            host;range;x-amz-content-sha256;x-amz-date
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            """)
    }

    @Test func uriEncodingFollowsSigV4Rules() {
        #expect(SigV4Signer.uriEncode("a b+c:d/e~f_g.h-i", encodeSlash: false) == "a%20b%2Bc%3Ad/e~f_g.h-i")
        #expect(SigV4Signer.uriEncode("a/b", encodeSlash: true) == "a%2Fb")
        #expect(SigV4Signer.uriEncode("é€", encodeSlash: false) == "%C3%A9%E2%82%AC")
        #expect(SigV4Signer.uriEncode("2026-01-02T03:04:05Z", encodeSlash: false) == "2026-01-02T03%3A04%3A05Z")
    }

    @Test func queryParametersAreSortedAndEncoded() {
        let request = SigV4Signer.Request(
            method: "GET", encodedPath: "/bucket",
            query: [("prefix", "a b/"), ("list-type", "2"), ("continuation-token", "x+y=")],
            headers: [("host", "h")], payloadHash: SigV4Signer.emptyPayloadHash)
        let lines = signer.canonicalRequest(request, headers: request.headers).request.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[2] == "continuation-token=x%2By%3D&list-type=2&prefix=a%20b%2F")
    }

    @Test func credentialsNeverPrintTheSecret() {
        let credentials = S3Credentials(accessKeyID: "AKID", secretAccessKey: "very-secret-value")
        #expect(!"\(credentials)".contains("very-secret-value"))
    }
}
