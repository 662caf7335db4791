import Foundation
import GoTemplate
import ObjectStore

/// An encoding templates and tools commonly apply to a secret before printing
/// it: `b64enc`, `upper`, `urlquery`, `toJson`, `xxd -p`. The redactor masks
/// each of them, not only the value as given.
public enum SecretEncoding: String, Sendable, Hashable, Codable, CaseIterable {
    case plain, upper, lower
    case base64, base64Unpadded, base64URL, base64URLUnpadded
    case hex, hexUpper
    /// Go's `url.QueryEscape` (`urlquery`): a space is `+`.
    case urlQuery
    /// Percent-encoding of everything but unreserved characters: a space is `%20`.
    case percent
    /// The inside of a JSON string as Go's `encoding/json` writes it (`toJson`).
    case json
    /// HTML-escaped as Go's `html` function writes it (and as web servers echo
    /// a request back in an error page).
    case html
    /// Escaped for a JavaScript string as Go's `js` function writes it.
    case js

    public func apply(_ value: String) -> String {
        let bytes = Array(value.utf8)
        switch self {
        case .plain: return value
        case .upper: return value.uppercased()
        case .lower: return value.lowercased()
        case .base64: return Data(bytes).base64EncodedString()
        case .base64Unpadded: return String(Data(bytes).base64EncodedString().prefix { $0 != "=" })
        case .base64URL: return Self.urlSafe(Data(bytes).base64EncodedString())
        case .base64URLUnpadded: return Self.urlSafe(String(Data(bytes).base64EncodedString().prefix { $0 != "=" }))
        case .hex: return Hex.string(bytes)
        case .hexUpper: return Hex.string(bytes).uppercased()
        case .urlQuery: return Escapers.queryEscape(value)
        case .percent: return SigV4Signer.uriEncode(value, encodeSlash: true)
        case .json: return String(GoJSON.quote(value, escapeHTML: true).dropFirst().dropLast())
        case .html: return Escapers.html(value)
        case .js: return Escapers.js(value)
        }
    }

    private static func urlSafe(_ base64: String) -> String {
        String(base64.map { $0 == "+" ? "-" : $0 == "/" ? "_" : $0 })
    }
}

/// How a secret appears in a piece of text: an encoding of the whole value, or
/// one line of a multi-line value printed line by line.
public struct SecretForm: Sendable, Hashable, Codable {
    public var encoding: SecretEncoding
    /// The line (0-based) of a multi-line secret, instead of the whole value.
    public var line: Int?

    public init(_ encoding: SecretEncoding, line: Int? = nil) {
        self.encoding = encoding
        self.line = line
    }

    /// This form of `value`; nil when `value` has no such line.
    public func text(of value: String) -> String? {
        guard let line else { return encoding.apply(value) }
        let lines = Self.lines(of: value)
        return lines.indices.contains(line) ? encoding.apply(lines[line]) : nil
    }

    /// Lines without their `\r`, as a program printing the secret line by line
    /// shows them ("\r\n" is one Character in Swift, so it is named apart).
    static func lines(of value: String) -> [String] {
        value.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map(String.init)
    }

    /// Every form worth masking for `value`: each distinct encoding of the whole,
    /// and each line of a multi-line value, longest first. Forms shorter than
    /// `minimumLength` are left out: they would mask unrelated text.
    static func forms(of value: String, minimumLength: Int) -> [(form: SecretForm, text: String)] {
        var seen = Set<String>()
        var forms: [(SecretForm, String)] = []
        func add(_ form: SecretForm) {
            guard let text = form.text(of: value), text.count >= minimumLength, seen.insert(text).inserted else { return }
            forms.append((form, text))
        }
        for encoding in SecretEncoding.allCases { add(SecretForm(encoding)) }
        let lines = lines(of: value)
        if lines.count > 1 {
            for index in lines.indices { add(SecretForm(.plain, line: index)) }
        }
        return forms
    }
}
