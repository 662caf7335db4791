import Testing
@testable import GoTemplate

@Suite struct SprigJSONTests {
    @Test func toJsonSortsKeysAndEscapesHTML() throws {
        #expect(try printed("toJson", Corpus.location) == #"{"Bucket":"kanister-backups","Endpoint":"http://127.0.0.1:9000","Prefix":"mysql/backups/","Region":"us-east-1","Type":"s3Compliant"}"#)
        #expect(try printed("toJson", Corpus.mixed) == #"[1,"two",3.5,true,null]"#)
        #expect(try printed("toJson", .null) == "null")
        #expect(try printed("toJson", .string("<a>&'")) == #""\u003ca\u003e\u0026'""#)
        #expect(try printed("toRawJson", .string("<a>&'")) == #""<a>&'""#)
        #expect(try printed("mustToRawJson", .string("<&>")) == #""<&>""#)
        #expect(try printed("toJson", .float64(1.0)) == "1")
        #expect(try printed("toJson", .float64(1e21)) == "1e+21")
        #expect(try printed("toJson", .int64(9_007_199_254_740_993)) == "9007199254740993")
        #expect(try printed("toJson", .string("line1\nline2")) == #""line1\nline2""#)
        #expect(try printed("toJson", .string("\u{2028}")) == #""\u2028""#)
        #expect(try printed("toJson", .string("héllo wörld ✓")) == #""héllo wörld ✓""#)
        #expect(try printed("toJson", .string("")) == #""""#)
    }

    @Test func prettyJsonIndentsTwoSpaces() throws {
        #expect(try printed("toPrettyJson", .list([.list([.int64(1), .int64(2)]), .list([.int64(3)])])) == "[\n  [\n    1,\n    2\n  ],\n  [\n    3\n  ]\n]")
        #expect(try printed("toPrettyJson", .map([:])) == "{}")
        #expect(try printed("toPrettyJson", .list([])) == "[]")
        #expect(try printed("mustToPrettyJson", .map(["a": .string("x"), "b": .int(1)])) == "{\n  \"a\": \"x\",\n  \"b\": 1\n}")
    }

    @Test func fromJsonDecodesNumbersAsFloat64() throws {
        let v = try sprig("fromJson", .string(#"{"a":1,"b":[true,null,"x"],"c":{"d":2.5}}"#))
        #expect(v.goDescription == "map[a:1 b:[true <nil> x] c:map[d:2.5]]")
        guard case .map(let m) = v, case .float64 = m["a"] else {
            Issue.record("expected a float64 number")
            return
        }
        #expect(try printed("fromJson", .string("[1,2]")) == "[1 2]")
        #expect(try sprig("fromJson", .string("")).goKindName == "invalid")
        #expect(failure("mustFromJson", .string("")) == "unexpected end of JSON input")
        #expect(failure("mustFromJson", .string("{x")) == "invalid character 'x' looking for beginning of object key string")
        #expect(try printed("toJson", try sprig("fromJson", .string(#"{"id":"k7f3a","size":42}"#))) == #"{"id":"k7f3a","size":42}"#)
    }

    @Test func timesAndVersionsMarshalLikeGo() throws {
        let t = try sprig("toDate", .string("2006-01-02T15:04:05Z07:00"), .string(Corpus.time))
        #expect(try printed("toJson", t) == #""2026-01-02T03:04:05Z""#)
        #expect(try printed("toJson", try sprig("semver", .string("v1.2.3"))) == #""1.2.3""#)
    }
}

@Suite struct SprigEncodingTests {
    @Test func base64() throws {
        #expect(try printed("b64enc", .string("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")) == "d0phbHJYVXRuRkVNSS9LN01ERU5HL2JQeFJmaUNZRVhBTVBMRUtFWQ==")
        #expect(try printed("b64dec", .string("aGVsbG8gd29ybGQ=")) == "hello world")
        #expect(try printed("b64dec", .string("not base64!")) == "illegal base64 data at input byte 3")
        #expect(try printed("b64dec", .string("cm9vdA==")) == "root")
        #expect(try printed("b64enc", .string("")) == "")
    }

    @Test func base32() throws {
        #expect(try printed("b32enc", .string("hello")) == "NBSWY3DP")
        #expect(try printed("b32dec", .string("NBSWY3DP")) == "hello")
        #expect(try printed("b32dec", .string("!!")) == "illegal base32 data at input byte 0")
    }

    @Test func hashes() throws {
        #expect(try printed("sha256sum", .string("hello")) == "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824")
        #expect(try printed("sha256sum", .string("")) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(try printed("sha1sum", .string("hello")) == "aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d")
        #expect(try printed("adler32sum", .string("hello")) == "103547413")
    }

    @Test func aesRoundTripAndErrors() throws {
        let sealed = try sprig("encryptAES", .string("secretkey"), .string("plain text"))
        #expect(try printed("decryptAES", .string("secretkey"), sealed) == "plain text")
        #expect(failure("decryptAES", .string("k"), .string("notbase64!")) == "illegal base64 data at input byte 9")
    }

    @Test func fipsRefusals() throws {
        #expect(failure("bcrypt", .string("pw")) == "sprig usage of 'bcrypt' is not allowed by kanister as it is not FIPS compatible")
        #expect(failure("htpasswd", .string("u"), .string("p")) == "sprig usage of 'htpasswd' is not allowed by kanister as it is not FIPS compatible")
        #expect(failure("derivePassword", .int(1), .string("long"), .string("pw"), .string("user"), .string("example.com"))
            == "sprig usage of 'derivePassword' is not allowed by kanister as it is not FIPS compatible")
        #expect(failure("genPrivateKey", .string("dsa")) == "sprig usage of 'genPrivateKey for dsa' is not allowed by kanister as it is not FIPS compatible")
        #expect(try printed("genPrivateKey", .string("ecdsa")).hasPrefix("-----BEGIN EC PRIVATE KEY-----\n"))
        #expect(try printed("genPrivateKey", .string("ed25519")).hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
    }

    @Test func uuidAndRandomBytes() throws {
        let id = try printed("uuidv4")
        #expect(try printed("regexMatch", .string("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"), .string(id)) == "true")
        #expect(try printed("b64dec", try sprig("randBytes", .int(6))).utf8.count >= 6)
    }
}

@Suite struct SprigKeyGenerationTests {
    @Test func rsaKeysArePKCS1PEM() throws {
        let pem = try printed("genPrivateKey", .string("rsa"))
        #expect(pem.hasPrefix("-----BEGIN RSA PRIVATE KEY-----\n"))
        #expect(pem.hasSuffix("-----END RSA PRIVATE KEY-----\n"))
    }

    @Test func emptyKeyTypeIsRefusedLikeKanister() {
        #expect(failure("genPrivateKey", .string("")) == "sprig usage of 'genPrivateKey for ' is not allowed by kanister as it is not FIPS compatible")
    }
}
