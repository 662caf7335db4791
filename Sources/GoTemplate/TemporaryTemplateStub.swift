// TEMPORARY: replaced by the real engine at merge
//
// A minimal stand-in for the Go text/template engine with the exact public API the
// real one has: literal text, `{{ .A.B.C }}` field paths, `{{ index .X "y" }}` and
// string literals, trim markers and comments, missingkey=error semantics.

/// A parsed template.
public struct Template: Sendable {
    public let name: String
    private let segments: [Segment]

    private enum Segment: Sendable {
        case text(String)
        case action([Token], offset: Int)
    }

    private enum Token: Sendable {
        case path([String])
        case string(String)
        case word(String)
    }

    public struct StubError: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    public init(name: String, text: String, functions: FunctionMap = .sprig) throws {
        self.name = name
        var segments: [Segment] = []
        var rest = Substring(text)
        var pendingText = ""
        while let open = rest.range(of: "{{") {
            pendingText += rest[..<open.lowerBound]
            var inner = rest[open.upperBound...]
            guard let close = inner.range(of: "}}") else {
                throw StubError(description: "template: \(name):1: unclosed action")
            }
            var body = inner[..<close.lowerBound]
            let offset = text.distance(from: text.startIndex, to: open.lowerBound)
            inner = inner[close.upperBound...]
            if body.hasPrefix("- ") || body == "-" {
                body = body.dropFirst()
                while let last = pendingText.last, last.isWhitespace { pendingText.removeLast() }
            }
            var trimAfter = false
            if body.hasSuffix(" -") { body = body.dropLast(); trimAfter = true }
            if !pendingText.isEmpty { segments.append(.text(pendingText)); pendingText = "" }
            let trimmed = body.trimmingCharacters(in: .whitespaces)
            if !(trimmed.hasPrefix("/*") && trimmed.hasSuffix("*/")) {
                segments.append(.action(try Self.tokenize(trimmed, name: name), offset: offset))
            }
            rest = trimAfter ? inner.drop { $0.isWhitespace } : inner
        }
        pendingText += rest
        if !pendingText.isEmpty { segments.append(.text(pendingText)) }
        self.segments = segments
    }

    private static func tokenize(_ body: String, name: String) throws -> [Token] {
        var tokens: [Token] = []
        var chars = Substring(body)
        while let first = chars.first {
            if first == " " { chars = chars.dropFirst(); continue }
            if first == "\"" || first == "`" {
                chars = chars.dropFirst()
                guard let end = chars.firstIndex(of: first) else {
                    throw StubError(description: "template: \(name):1: unterminated quoted string")
                }
                tokens.append(.string(String(chars[..<end])))
                chars = chars[chars.index(after: end)...]
                continue
            }
            let word = chars.prefix { $0 != " " }
            chars = chars.dropFirst(word.count)
            if word.hasPrefix(".") {
                tokens.append(.path(word == "." ? [] : word.dropFirst().split(separator: ".").map(String.init)))
            } else {
                tokens.append(.word(String(word)))
            }
        }
        guard !tokens.isEmpty else { throw StubError(description: "template: \(name):1: missing value for command") }
        return tokens
    }

    public func render(_ data: Value) throws -> String {
        var out = ""
        for segment in segments {
            switch segment {
            case .text(let text): out += text
            case .action(let tokens, _):
                let value = try evaluate(tokens, data)
                if case .null = value { out += "<no value>" } else { out += value.goDescription }
            }
        }
        return out
    }

    private func evaluate(_ tokens: [Token], _ data: Value) throws -> Value {
        switch tokens[0] {
        case .path(let path) where tokens.count == 1: return try resolve(path, in: data)
        case .string(let s) where tokens.count == 1: return .string(s)
        case .word("index") where tokens.count >= 2:
            var value = try evaluate([tokens[1]], data)
            for token in tokens.dropFirst(2) {
                guard case .string(let key) = token else {
                    throw StubError(description: "template: \(name): index keys must be string literals")
                }
                value = try member(key, of: value, path: "index")
            }
            return value
        default:
            throw StubError(description: "template: \(name): this action is not supported by the temporary template stub")
        }
    }

    private func resolve(_ path: [String], in data: Value) throws -> Value {
        var value = data
        for (i, key) in path.enumerated() {
            value = try member(key, of: value, path: "." + path[...i].joined(separator: "."))
        }
        return value
    }

    private func member(_ key: String, of value: Value, path: String) throws -> Value {
        switch value {
        case .map(let map):
            guard let next = map[key] else {
                throw StubError(description: "template: \(name): executing \"\(name)\" at <\(path)>: map has no entry for key \"\(key)\"")
            }
            return next
        case .object(let object):
            if case .field(let field)? = object.member(key) { return field }
            throw StubError(description: "template: \(name): executing \"\(name)\" at <\(path)>: can't evaluate field \(key) in type \(object.goTypeName)")
        case .null:
            throw StubError(description: "template: \(name): executing \"\(name)\" at <\(path)>: nil pointer evaluating interface {}.\(key)")
        default:
            throw StubError(description: "template: \(name): executing \"\(name)\" at <\(path)>: can't evaluate field \(key) in type \(value.goDescription)")
        }
    }
}
