import Crypto
import _CryptoExtras
import Foundation

/// sprig's encodings, hashes and crypto (strings.go, crypto.go) with Kanister's
/// FIPS refusals: `bcrypt`, `htpasswd`, `derivePassword` and `genPrivateKey` for
/// anything but rsa / ecdsa / ed25519 fail.
enum SprigEncoding {
    static var functions: [TemplateFunction] {
        typealias A = SprigArgs
        func refused(_ name: String, _ params: [ParameterType]) -> TemplateFunction {
            TemplateFunction(name, params) { _ in throw fipsRefusal(name) }
        }
        @Sendable func hex<D: Sequence>(_ d: D) -> String where D.Element == UInt8 {
            d.map { String(format: "%02x", $0) }.joined()
        }
        return [
            TemplateFunction("b64enc", [.string]) { .string(Data(GoStrings.bytes(try A.string($0, 0))).base64EncodedString()) },
            TemplateFunction("b64dec", [.string]) { args in
                switch GoBase64.decodeStd(GoStrings.bytes(try A.string(args, 0))) {
                case .success(let b): return .string(GoStrings.string(b))
                case .failure(let e): return .string(e.message)
                }
            },
            TemplateFunction("b32enc", [.string]) { .string(GoBase32.encode(GoStrings.bytes(try A.string($0, 0)))) },
            TemplateFunction("b32dec", [.string]) { args in
                switch GoBase32.decode(GoStrings.bytes(try A.string(args, 0))) {
                case .success(let b): return .string(GoStrings.string(b))
                case .failure(let e): return .string(e.message)
                }
            },
            TemplateFunction("sha1sum", [.string]) { .string(hex(Insecure.SHA1.hash(data: GoStrings.bytes(try A.string($0, 0))))) },
            TemplateFunction("sha256sum", [.string]) { .string(hex(SHA256.hash(data: GoStrings.bytes(try A.string($0, 0))))) },
            TemplateFunction("adler32sum", [.string]) { .string(String(adler32(GoStrings.bytes(try A.string($0, 0))))) },
            TemplateFunction("uuidv4") { _ in .string(UUID().uuidString.lowercased()) },
            TemplateFunction("randBytes", [.int]) { args in
                let n = try A.int(args, 0)
                guard n >= 0 else { throw TemplateFunctionError("runtime error: makeslice: len out of range") }
                var rng = SystemRandomNumberGenerator()
                return .string(Data((0..<n).map { _ in UInt8.random(in: 0...255, using: &rng) }).base64EncodedString())
            },
            TemplateFunction("encryptAES", [.string, .string]) { args in
                .string(try encryptAES(password: try A.string(args, 0), plaintext: try A.string(args, 1)))
            },
            TemplateFunction("decryptAES", [.string, .string]) { args in
                .string(try decryptAES(password: try A.string(args, 0), crypt64: try A.string(args, 1)))
            },
            refused("bcrypt", [.string]),
            refused("htpasswd", [.string, .string]),
            // derivePassword takes a uint32 counter in Go; int is the nearest parameter type here.
            refused("derivePassword", [.int, .string, .string, .string, .string]),
            TemplateFunction("genPrivateKey", [.string]) { args in
                .string(try generatePrivateKey(try A.string(args, 0)))
            },
        ] + ["buildCustomCert", "genCA", "genCAWithKey", "genSelfSignedCert", "genSelfSignedCertWithKey",
             "genSignedCert", "genSignedCertWithKey"].map { name in
            TemplateFunction(name, variadic: .any) { _ in
                throw TemplateFunctionError("sprig function '\(name)' is not supported by this engine")
            }
        }
    }

    static func fipsRefusal(_ usage: String) -> TemplateFunctionError {
        TemplateFunctionError("sprig usage of '\(usage)' is not allowed by kanister as it is not FIPS compatible")
    }

    static func adler32(_ data: [UInt8]) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in data {
            a = (a + UInt32(byte)) % 65521
            b = (b + a) % 65521
        }
        return (b << 16) | a
    }

    /// The key sprig derives: the password's bytes zero-padded (or cut) to 32.
    private static func aesKey(_ password: String) -> SymmetricKey {
        var key = [UInt8](repeating: 0, count: 32)
        for (i, b) in password.utf8.prefix(32).enumerated() { key[i] = b }
        return SymmetricKey(data: key)
    }

    /// AES-256-CBC, PKCS#7 padding, random IV prepended, base64 (sprig's format).
    static func encryptAES(password: String, plaintext: String) throws -> String {
        if plaintext.isEmpty { return "" }
        var content = GoStrings.bytes(plaintext)
        let padding = 16 - content.count % 16
        content += [UInt8](repeating: UInt8(padding), count: padding)
        var rng = SystemRandomNumberGenerator()
        let iv = (0..<16).map { _ in UInt8.random(in: 0...255, using: &rng) }
        do {
            let sealed = try AES._CBC.encrypt(content, using: aesKey(password), iv: try AES._CBC.IV(ivBytes: iv), noPadding: true)
            return Data(iv + sealed).base64EncodedString()
        } catch {
            throw TemplateFunctionError("\(error)")
        }
    }

    static func decryptAES(password: String, crypt64: String) throws -> String {
        if crypt64.isEmpty { return "" }
        let crypt: [UInt8]
        switch GoBase64.decodeStd(GoStrings.bytes(crypt64)) {
        case .success(let b): crypt = b
        case .failure(let e): throw TemplateFunctionError(e.message)
        }
        guard crypt.count >= 16 else {
            throw TemplateFunctionError("runtime error: slice bounds out of range [:16] with capacity \(crypt.count)")
        }
        let body = Array(crypt[16...])
        guard body.count % 16 == 0 else { throw TemplateFunctionError("crypto/cipher: input not full blocks") }
        guard !body.isEmpty else { throw TemplateFunctionError("runtime error: index out of range [-1]") }
        let plain: [UInt8]
        do {
            plain = Array(try AES._CBC.decrypt(body, using: aesKey(password), iv: try AES._CBC.IV(ivBytes: crypt[0..<16]), noPadding: true))
        } catch {
            throw TemplateFunctionError("\(error)")
        }
        let pad = Int(plain[plain.count - 1])
        guard pad <= plain.count else {
            throw TemplateFunctionError("runtime error: slice bounds out of range [:\(plain.count - pad)]")
        }
        return GoStrings.string(plain[..<(plain.count - pad)])
    }

    /// sprig's `genPrivateKey` restricted to Kanister's allowed key types, PEM encoded
    /// like Go's x509 (PKCS#1 for RSA, SEC 1 for ECDSA P-256, PKCS#8 for Ed25519).
    static func generatePrivateKey(_ type: String) throws -> String {
        switch type {
        case "rsa":
            do {
                return try _RSA.Signing.PrivateKey(keySize: .bits4096).pemRepresentation + "\n"
            } catch {
                return "failed to generate private key: \(error)"
            }
        case "ecdsa":
            let key = P256.Signing.PrivateKey()
            let pub = Array(key.publicKey.x963Representation)
            var der: [UInt8] = [0x02, 0x01, 0x01, 0x04, 0x20] + Array(key.rawRepresentation)
            der += [0xA0, 0x0A, 0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07]
            der += [0xA1, 0x44, 0x03, 0x42, 0x00] + pub
            return pem("EC PRIVATE KEY", [0x30, UInt8(der.count)] + der)
        case "ed25519":
            let key = Curve25519.Signing.PrivateKey()
            let der: [UInt8] = [0x30, 0x2E, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]
                + Array(key.rawRepresentation)
            return pem("PRIVATE KEY", der)
        default:
            throw fipsRefusal("genPrivateKey for \(type)")
        }
    }

    static func pem(_ type: String, _ der: [UInt8]) -> String {
        let b64 = Data(der).base64EncodedString()
        var lines: [String] = []
        var i = b64.startIndex
        while i < b64.endIndex {
            let j = b64.index(i, offsetBy: 64, limitedBy: b64.endIndex) ?? b64.endIndex
            lines.append(String(b64[i..<j]))
            i = j
        }
        return "-----BEGIN \(type)-----\n" + lines.joined(separator: "\n") + "\n-----END \(type)-----\n"
    }
}

/// Go's `CorruptInputError`.
struct GoCorruptInput: Error {
    let offset: Int
    let kind: String
    var message: String { "illegal \(kind) data at input byte \(offset)" }
}

/// `base64.StdEncoding.DecodeString`, with Go's error offsets.
enum GoBase64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private static let decodeMap: [UInt8] = {
        var m = [UInt8](repeating: 0xFF, count: 256)
        for (i, c) in alphabet.enumerated() { m[Int(c)] = UInt8(i) }
        return m
    }()

    static func decodeStd(_ src: [UInt8]) -> Result<[UInt8], GoCorruptInput> {
        var out: [UInt8] = []
        var si = 0
        func corrupt(_ o: Int) -> Result<[UInt8], GoCorruptInput> { .failure(GoCorruptInput(offset: o, kind: "base64")) }
        let nl = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r"), pad = UInt8(ascii: "=")
        while true {
            var dbuf = [UInt8](repeating: 0, count: 4)
            var dlen = 4
            var j = 0
            var trailingError: Int?
            var finished = false
            while j < 4 {
                if si == src.count {
                    if j == 0 { return .success(out) }
                    return corrupt(si - j)
                }
                let c = src[si]
                si += 1
                let v = decodeMap[Int(c)]
                if v != 0xFF { dbuf[j] = v; j += 1; continue }
                if c == nl || c == cr { continue }
                if c != pad { return corrupt(si - 1) }
                switch j {
                case 0, 1: return corrupt(si - 1)
                case 2:
                    while si < src.count && (src[si] == nl || src[si] == cr) { si += 1 }
                    if si == src.count { return corrupt(src.count) }
                    if src[si] != pad { return corrupt(si - 1) }
                    si += 1
                default: break
                }
                while si < src.count && (src[si] == nl || src[si] == cr) { si += 1 }
                if si < src.count { trailingError = si }
                dlen = j
                finished = true
                break
            }
            let val = UInt32(dbuf[0]) << 18 | UInt32(dbuf[1]) << 12 | UInt32(dbuf[2]) << 6 | UInt32(dbuf[3])
            let bytes = [UInt8(truncatingIfNeeded: val >> 16), UInt8(truncatingIfNeeded: val >> 8), UInt8(truncatingIfNeeded: val)]
            out += bytes.prefix(dlen - 1)
            if let t = trailingError { return corrupt(t) }
            if finished { return .success(out) }
        }
    }
}

/// `base32.StdEncoding`.
enum GoBase32 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)
    private static let decodeMap: [UInt8] = {
        var m = [UInt8](repeating: 0xFF, count: 256)
        for (i, c) in alphabet.enumerated() { m[Int(c)] = UInt8(i) }
        return m
    }()

    static func encode(_ src: [UInt8]) -> String {
        var out: [UInt8] = []
        var i = 0
        while i < src.count {
            let chunk = Array(src[i..<min(i + 5, src.count)])
            var buf = [UInt8](repeating: 0, count: 5)
            for (k, b) in chunk.enumerated() { buf[k] = b }
            let bits = buf.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            let chars = (0..<8).map { alphabet[Int((bits >> UInt64(35 - 5 * $0)) & 0x1F)] }
            let used = [0, 2, 4, 5, 7, 8][chunk.count]
            out += chars.prefix(used) + [UInt8](repeating: UInt8(ascii: "="), count: 8 - used)
            i += 5
        }
        return GoStrings.string(out)
    }

    static func decode(_ input: [UInt8]) -> Result<[UInt8], GoCorruptInput> {
        let src = input.filter { $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\r") }
        let olen = src.count
        var rest = src[...]
        var out: [UInt8] = []
        var end = false
        func corrupt(_ o: Int) -> Result<[UInt8], GoCorruptInput> { .failure(GoCorruptInput(offset: o, kind: "base32")) }
        let pad = UInt8(ascii: "=")
        while !rest.isEmpty && !end {
            var dbuf = [UInt8](repeating: 0, count: 8)
            var dlen = 8
            var j = 0
            while j < 8 {
                if rest.isEmpty { return corrupt(olen - rest.count - j) }
                let c = rest.removeFirst()
                if c == pad && j >= 2 && rest.count < 8 {
                    if rest.count + j < 8 - 1 { return corrupt(olen) }
                    for k in 0..<(8 - 1 - j) where rest.count > k && rest[rest.startIndex + k] != pad {
                        return corrupt(olen - rest.count + k - 1)
                    }
                    dlen = j
                    end = true
                    if dlen == 1 || dlen == 3 || dlen == 6 { return corrupt(olen - rest.count - 1) }
                    break
                }
                dbuf[j] = decodeMap[Int(c)]
                if dbuf[j] == 0xFF { return corrupt(olen - rest.count - 1) }
                j += 1
            }
            let bits = dbuf.reduce(UInt64(0)) { $0 << 5 | UInt64($1) }
            let bytes = (0..<5).map { UInt8(truncatingIfNeeded: bits >> UInt64(32 - 8 * $0)) }
            let n = [0, 0, 1, 0, 2, 3, 0, 4, 5][dlen]
            out += bytes.prefix(n)
        }
        return .success(out)
    }
}
