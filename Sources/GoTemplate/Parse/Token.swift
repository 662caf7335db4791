/// The kinds of lexical items of Go's `text/template` (`text/template/parse/lex.go`).
///
/// The order matters: every case after ``keyword`` is a keyword, which changes how the
/// parser prints the item in error messages (`<define>` instead of `"define"`).
enum TokenKind: Int, Sendable {
    case error
    case bool
    case char
    case charConstant
    case comment
    case complex
    case assign
    case declare
    case eof
    case field
    case identifier
    case leftDelim
    case leftParen
    case number
    case pipe
    case rawString
    case rightDelim
    case rightParen
    case space
    case string
    case text
    case variable
    case keyword
    case block
    case `break`
    case `continue`
    case dot
    case define
    case `else`
    case end
    case `if`
    case `nil`
    case range
    case template
    case with

    var isKeyword: Bool { rawValue > TokenKind.keyword.rawValue }

    static let keywords: [String: TokenKind] = [
        ".": .dot,
        "block": .block,
        "break": .break,
        "continue": .continue,
        "define": .define,
        "else": .else,
        "end": .end,
        "if": .if,
        "range": .range,
        "nil": .nil,
        "template": .template,
        "with": .with,
    ]
}

/// One lexical item: its kind, byte offset in the template, text and line.
struct Token: Sendable {
    var kind: TokenKind
    /// Byte offset of the item's start in the template text.
    var pos: Int
    var value: String
    /// 1-based line number at the start of the item.
    var line: Int

    static let placeholder = Token(kind: .eof, pos: 0, value: "", line: 0)

    /// How Go's `item.String()` shows the token in "unexpected X in Y" messages.
    var goDescription: String {
        switch kind {
        case .eof: return "EOF"
        case .error: return value
        default:
            if kind.isKeyword { return "<\(value)>" }
            if value.unicodeScalars.count > 10 {
                return GoFormat.quote(String(String.UnicodeScalarView(value.unicodeScalars.prefix(10)))) + "..."
            }
            return GoFormat.quote(value)
        }
    }
}
