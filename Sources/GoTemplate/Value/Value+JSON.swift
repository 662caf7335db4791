import Foundation

extension Value {
    /// How JSON numbers become Go values.
    public enum JSONNumbers: String, Sendable {
        /// Integers that fit in int64 become `.int64`, every other number `.float64`
        /// (Kubernetes' unstructured objects; Kanister's template parameters).
        case int64
        /// Every number becomes `.float64` (`encoding/json`'s default).
        case float64
    }

    /// An error in JSON input, with the byte offset where parsing stopped.
    public struct JSONError: Error, CustomStringConvertible, Sendable {
        public let message: String
        public let offset: Int
        public var description: String { "\(message) at offset \(offset)" }
    }

    /// Decodes JSON as Go's `encoding/json` does into `interface{}` (with
    /// `UseNumber`): objects become `.map`, arrays `.list`, `null` becomes `.null`.
    /// Empty or all-whitespace input is `.null`, like an absent document.
    public init(jsonData: Data, numbers: JSONNumbers = .int64) throws {
        self = try jsonData.withUnsafeBytes { raw throws(JSONError) -> Value in
            var parser = JSONParser(bytes: raw.bindMemory(to: UInt8.self), numbers: numbers)
            return try parser.parseDocument()
        }
    }

    /// Decodes JSON text; see ``init(jsonData:numbers:)``.
    public init(json: String, numbers: JSONNumbers = .int64) throws {
        try self.init(jsonData: Data(json.utf8), numbers: numbers)
    }
}

/// A strict JSON parser (RFC 8259) producing ``Value``s, with Go's number typing.
struct JSONParser {
    let bytes: UnsafeBufferPointer<UInt8>
    let numbers: Value.JSONNumbers
    var i = 0

    init(bytes: UnsafeBufferPointer<UInt8>, numbers: Value.JSONNumbers) {
        self.bytes = bytes
        self.numbers = numbers
    }

    private func error(_ message: String) -> Value.JSONError {
        Value.JSONError(message: message, offset: i)
    }

    private mutating func skipSpace() {
        while i < bytes.count {
            let c = bytes[i]
            if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { i += 1 } else { break }
        }
    }

    mutating func parseDocument() throws(Value.JSONError) -> Value {
        skipSpace()
        if i == bytes.count { return .null }
        let v = try parseValue(depth: 0)
        skipSpace()
        if i != bytes.count { throw error("invalid character after top-level value") }
        return v
    }

    private mutating func parseValue(depth: Int) throws(Value.JSONError) -> Value {
        skipSpace()
        guard i < bytes.count else { throw error("unexpected end of JSON input") }
        if (bytes[i] == 0x7B || bytes[i] == 0x5B) && depth >= TemplateLimits.maxValueDepth {
            throw error("exceeded max depth: lists and maps nest more than \(TemplateLimits.maxValueDepth) deep "
                + "(TemplateLimits.maxValueDepth); flatten the document")
        }
        switch bytes[i] {
        case 0x7B: return try parseObject(depth: depth)
        case 0x5B: return try parseArray(depth: depth)
        case 0x22: return .string(try parseString())
        case 0x74: try literal("true"); return .bool(true)
        case 0x66: try literal("false"); return .bool(false)
        case 0x6E: try literal("null"); return .null
        case 0x2D, 0x30...0x39: return try parseNumber()
        default: throw error("invalid character looking for beginning of value")
        }
    }

    private mutating func literal(_ word: StaticString) throws(Value.JSONError) {
        let n = word.utf8CodeUnitCount
        guard i + n <= bytes.count else { throw error("unexpected end of JSON input") }
        let p = word.utf8Start
        for k in 0..<n where bytes[i + k] != p[k] { throw error("invalid literal") }
        i += n
    }

    private mutating func parseObject(depth: Int) throws(Value.JSONError) -> Value {
        i += 1
        var m: [String: Value] = [:]
        skipSpace()
        if i < bytes.count && bytes[i] == 0x7D {
            i += 1
            return .map(m)
        }
        while true {
            skipSpace()
            guard i < bytes.count, bytes[i] == 0x22 else { throw error("expected object key") }
            let key = try parseString()
            skipSpace()
            guard i < bytes.count, bytes[i] == 0x3A else { throw error("expected ':' after object key") }
            i += 1
            m[key] = try parseValue(depth: depth + 1)
            skipSpace()
            guard i < bytes.count else { throw error("unexpected end of JSON input") }
            if bytes[i] == 0x2C {
                i += 1
                continue
            }
            if bytes[i] == 0x7D {
                i += 1
                return .map(m)
            }
            throw error("expected ',' or '}' after object value")
        }
    }

    private mutating func parseArray(depth: Int) throws(Value.JSONError) -> Value {
        i += 1
        var items: [Value] = []
        skipSpace()
        if i < bytes.count && bytes[i] == 0x5D {
            i += 1
            return .list(items)
        }
        while true {
            items.append(try parseValue(depth: depth + 1))
            skipSpace()
            guard i < bytes.count else { throw error("unexpected end of JSON input") }
            if bytes[i] == 0x2C {
                i += 1
                continue
            }
            if bytes[i] == 0x5D {
                i += 1
                return .list(items)
            }
            throw error("expected ',' or ']' after array element")
        }
    }

    private func hex4(_ at: Int) -> UInt32? {
        guard at + 4 <= bytes.count else { return nil }
        var v: UInt32 = 0
        for k in 0..<4 {
            let c = bytes[at + k]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            default: return nil
            }
            v = v << 4 | d
        }
        return v
    }

    private static func appendScalar(_ v: UInt32, to out: inout [UInt8]) {
        switch v {
        case 0..<0x80:
            out.append(UInt8(v))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (v >> 6)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (v >> 12)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (v >> 18)))
            out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        }
    }

    private mutating func parseString() throws(Value.JSONError) -> String {
        i += 1
        let start = i
        // Fast path: no escapes.
        while i < bytes.count {
            let c = bytes[i]
            if c == 0x22 {
                let s = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
                i += 1
                return s
            }
            if c == 0x5C { break }
            if c < 0x20 { throw error("invalid character in string literal") }
            i += 1
        }
        var out = Array(bytes[start..<i])
        while i < bytes.count {
            let c = bytes[i]
            if c == 0x22 {
                i += 1
                return String(decoding: out, as: UTF8.self)
            }
            if c < 0x20 { throw error("invalid character in string literal") }
            if c != 0x5C {
                out.append(c)
                i += 1
                continue
            }
            i += 1
            guard i < bytes.count else { break }
            let e = bytes[i]
            i += 1
            switch e {
            case 0x22: out.append(0x22)
            case 0x5C: out.append(0x5C)
            case 0x2F: out.append(0x2F)
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0C)
            case 0x6E: out.append(0x0A)
            case 0x72: out.append(0x0D)
            case 0x74: out.append(0x09)
            case 0x75:
                guard var r = hex4(i) else { throw error("invalid escape in string literal") }
                i += 4
                if r >= 0xD800 && r < 0xDC00 {
                    if i + 6 <= bytes.count, bytes[i] == 0x5C, bytes[i + 1] == 0x75,
                       let r2 = hex4(i + 2), r2 >= 0xDC00 && r2 < 0xE000 {
                        r = 0x10000 + ((r - 0xD800) << 10) + (r2 - 0xDC00)
                        i += 6
                    } else {
                        r = 0xFFFD
                    }
                } else if r >= 0xDC00 && r < 0xE000 {
                    r = 0xFFFD
                }
                JSONParser.appendScalar(r, to: &out)
            default:
                throw error("invalid escape in string literal")
            }
        }
        throw error("unexpected end of JSON input")
    }

    private mutating func parseNumber() throws(Value.JSONError) -> Value {
        let start = i
        var isInteger = true
        if bytes[i] == 0x2D { i += 1 }
        guard i < bytes.count, bytes[i] >= 0x30 && bytes[i] <= 0x39 else { throw error("invalid number") }
        if bytes[i] == 0x30 {
            i += 1
        } else {
            while i < bytes.count && bytes[i] >= 0x30 && bytes[i] <= 0x39 { i += 1 }
        }
        if i < bytes.count && bytes[i] == 0x2E {
            isInteger = false
            i += 1
            guard i < bytes.count, bytes[i] >= 0x30 && bytes[i] <= 0x39 else { throw error("invalid number") }
            while i < bytes.count && bytes[i] >= 0x30 && bytes[i] <= 0x39 { i += 1 }
        }
        if i < bytes.count && (bytes[i] == 0x65 || bytes[i] == 0x45) {
            isInteger = false
            i += 1
            if i < bytes.count && (bytes[i] == 0x2B || bytes[i] == 0x2D) { i += 1 }
            guard i < bytes.count, bytes[i] >= 0x30 && bytes[i] <= 0x39 else { throw error("invalid number") }
            while i < bytes.count && bytes[i] >= 0x30 && bytes[i] <= 0x39 { i += 1 }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
        if isInteger && numbers == .int64, let v = Int64(text) {
            return .int64(v)
        }
        if let d = Double(text), d.isFinite {
            return .float64(d)
        }
        // Out of float64 range: Go keeps the number's text.
        return .string(text)
    }
}
