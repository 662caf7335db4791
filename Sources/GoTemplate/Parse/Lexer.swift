/// The lexer of Go's `text/template`, a port of `text/template/parse/lex.go`
/// (Go 1.26) over the template's UTF-8 bytes.
///
/// It is pulled by the parser one item at a time, like Go's synchronous lexer, so the
/// parser can switch `break`/`continue` recognition on and off, and so the line
/// numbers in error messages come out exactly as Go's.
struct Lexer {
    private enum State {
        case text, leftDelim, comment, rightDelim, insideAction, space, identifier
        case field, variable, char, number, quote, rawQuote
    }

    let input: [UInt8]
    private let leftDelim: [UInt8] = Array("{{".utf8)
    private let rightDelim: [UInt8] = Array("}}".utf8)
    private var pos = 0
    private var start = 0
    private var atEOF = false
    private var parenDepth = 0
    private var line = 1
    private var startLine = 1
    private var item = Token.placeholder
    private var insideAction = false
    /// Whether `break` / `continue` are keywords (false when a function has that name).
    var breakOK = true
    var continueOK = true
    /// Set after an error item: the rest of the input is gone, as in Go.
    private var truncated = false

    init(_ text: String) {
        input = Array(text.utf8)
    }

    private var end: Int { truncated ? 0 : input.count }

    // MARK: - Rune access

    /// Decodes the rune at byte offset `i`, returning it and its width (Go's
    /// `utf8.DecodeRune`: invalid bytes decode as U+FFFD of width 1).
    private func decode(at i: Int) -> (UInt32, Int) {
        let b0 = input[i]
        if b0 < 0x80 { return (UInt32(b0), 1) }
        let n = end
        func cont(_ j: Int) -> UInt32? {
            guard j < n, input[j] & 0xC0 == 0x80 else { return nil }
            return UInt32(input[j] & 0x3F)
        }
        if b0 >= 0xC2 && b0 <= 0xDF, let c1 = cont(i + 1) {
            return ((UInt32(b0 & 0x1F) << 6) | c1, 2)
        }
        if b0 >= 0xE0 && b0 <= 0xEF, let c1 = cont(i + 1), let c2 = cont(i + 2) {
            let r = (UInt32(b0 & 0x0F) << 12) | (c1 << 6) | c2
            if r >= 0x800 && !(r >= 0xD800 && r <= 0xDFFF) { return (r, 3) }
        }
        if b0 >= 0xF0 && b0 <= 0xF4, let c1 = cont(i + 1), let c2 = cont(i + 2), let c3 = cont(i + 3) {
            let r = (UInt32(b0 & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3
            if r >= 0x10000 && r <= 0x10FFFF { return (r, 4) }
        }
        return (0xFFFD, 1)
    }

    private static let eofRune: UInt32 = 0xFFFF_FFFF

    private mutating func next() -> UInt32 {
        if pos >= end {
            atEOF = true
            return Lexer.eofRune
        }
        let (r, w) = decode(at: pos)
        pos += w
        if r == 0x0A { line += 1 }
        return r
    }

    private mutating func peek() -> UInt32 {
        let r = next()
        backup()
        return r
    }

    private mutating func backup() {
        if !atEOF && pos > 0 {
            // Step back over one rune.
            var p = pos - 1
            while p > 0 && input[p] & 0xC0 == 0x80 && pos - p < 4 { p -= 1 }
            let (r, w) = decode(at: p)
            if p + w != pos { p = pos - 1 }
            pos = p
            if r == 0x0A { line -= 1 }
        }
    }

    private func text(_ from: Int, _ to: Int) -> String {
        String(decoding: input[from..<to], as: UTF8.self)
    }

    private func countNewlines(_ from: Int, _ to: Int) -> Int {
        var n = 0
        var i = from
        while i < to {
            if input[i] == 0x0A { n += 1 }
            i += 1
        }
        return n
    }

    private func hasPrefix(_ prefix: [UInt8], at i: Int) -> Bool {
        guard i >= 0, i + prefix.count <= end else { return false }
        for k in 0..<prefix.count where input[i + k] != prefix[k] { return false }
        return true
    }

    private func index(of needle: [UInt8], from: Int) -> Int? {
        let n = end
        guard needle.count > 0, from + needle.count <= n else { return nil }
        let first = needle[0]
        var i = from
        while i + needle.count <= n {
            if input[i] == first && hasPrefix(needle, at: i) { return i }
            i += 1
        }
        return nil
    }

    // MARK: - Emitting

    private mutating func thisItem(_ kind: TokenKind) -> Token {
        let t = Token(kind: kind, pos: start, value: text(start, pos), line: startLine)
        start = pos
        startLine = line
        return t
    }

    private mutating func emit(_ kind: TokenKind) -> State? {
        item = thisItem(kind)
        return nil
    }

    private mutating func emitItem(_ t: Token) -> State? {
        item = t
        return nil
    }

    private mutating func ignore() {
        line += countNewlines(start, pos)
        start = pos
        startLine = line
    }

    private mutating func accept(_ valid: String) -> Bool {
        let r = next()
        if r != Lexer.eofRune, r < 0x80, valid.utf8.contains(UInt8(r)) { return true }
        backup()
        return false
    }

    private mutating func acceptRun(_ valid: String) {
        while true {
            let r = next()
            if r != Lexer.eofRune, r < 0x80, valid.utf8.contains(UInt8(r)) { continue }
            break
        }
        backup()
    }

    private mutating func errorf(_ message: String) -> State? {
        item = Token(kind: .error, pos: start, value: message, line: startLine)
        start = 0
        pos = 0
        truncated = true
        return nil
    }

    /// The next item of the input.
    mutating func nextItem() -> Token {
        item = Token(kind: .eof, pos: pos, value: "EOF", line: startLine)
        var state: State? = insideAction ? .insideAction : .text
        while let s = state {
            switch s {
            case .text: state = lexText()
            case .leftDelim: state = lexLeftDelim()
            case .comment: state = lexComment()
            case .rightDelim: state = lexRightDelim()
            case .insideAction: state = lexInsideAction()
            case .space: state = lexSpace()
            case .identifier: state = lexIdentifier()
            case .field: state = lexFieldOrVariable(.field)
            case .variable: state = lexVariable()
            case .char: state = lexChar()
            case .number: state = lexNumber()
            case .quote: state = lexQuote()
            case .rawQuote: state = lexRawQuote()
            }
        }
        return item
    }

    // MARK: - States

    private static func isSpace(_ r: UInt32) -> Bool {
        r == 0x20 || r == 0x09 || r == 0x0D || r == 0x0A
    }

    private static func isSpaceByte(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A
    }

    static func isAlphaNumeric(_ r: UInt32) -> Bool {
        if r == 0x5F { return true }
        if r < 0x80 {
            return (r >= 0x30 && r <= 0x39) || (r >= 0x41 && r <= 0x5A) || (r >= 0x61 && r <= 0x7A)
        }
        guard r != Lexer.eofRune, let scalar = Unicode.Scalar(r) else { return false }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber:
            return true
        default:
            return false
        }
    }

    private func hasLeftTrimMarker(at i: Int) -> Bool {
        i + 2 <= end && input[i] == 0x2D && Lexer.isSpaceByte(input[i + 1])
    }

    private func hasRightTrimMarker(at i: Int) -> Bool {
        i >= 0 && i + 2 <= end && Lexer.isSpaceByte(input[i]) && input[i + 1] == 0x2D
    }

    private func rightTrimLength(_ from: Int, _ to: Int) -> Int {
        var i = to
        while i > from && Lexer.isSpaceByte(input[i - 1]) { i -= 1 }
        return to - i
    }

    private func leftTrimLength(_ from: Int) -> Int {
        var i = from
        while i < end && Lexer.isSpaceByte(input[i]) { i += 1 }
        return i - from
    }

    private mutating func lexText() -> State? {
        if let x = index(of: leftDelim, from: pos) {
            if x > pos {
                pos = x
                var trimLength = 0
                let delimEnd = pos + leftDelim.count
                if hasLeftTrimMarker(at: delimEnd) {
                    trimLength = rightTrimLength(start, pos)
                }
                pos -= trimLength
                line += countNewlines(start, pos)
                let i = thisItem(.text)
                pos += trimLength
                ignore()
                if !i.value.isEmpty {
                    return emitItem(i)
                }
            }
            return .leftDelim
        }
        pos = end
        if pos > start {
            line += countNewlines(start, pos)
            return emit(.text)
        }
        return emit(.eof)
    }

    private func atRightDelim() -> (delim: Bool, trimSpaces: Bool) {
        if hasRightTrimMarker(at: pos) && hasPrefix(rightDelim, at: pos + 2) {
            return (true, true)
        }
        if hasPrefix(rightDelim, at: pos) { return (true, false) }
        return (false, false)
    }

    private mutating func lexLeftDelim() -> State? {
        pos += leftDelim.count
        let trimSpace = hasLeftTrimMarker(at: pos)
        let afterMarker = trimSpace ? 2 : 0
        if hasPrefix(Array("/*".utf8), at: pos + afterMarker) {
            pos += afterMarker
            ignore()
            return .comment
        }
        let i = thisItem(.leftDelim)
        insideAction = true
        pos += afterMarker
        ignore()
        parenDepth = 0
        return emitItem(i)
    }

    private mutating func lexComment() -> State? {
        pos += 2
        guard let x = index(of: Array("*/".utf8), from: pos) else {
            return errorf("unclosed comment")
        }
        pos = x + 2
        let (delim, trimSpace) = atRightDelim()
        if !delim {
            return errorf("comment ends before closing delimiter")
        }
        line += countNewlines(start, pos)
        _ = thisItem(.comment)
        if trimSpace { pos += 2 }
        pos += rightDelim.count
        if trimSpace { pos += leftTrimLength(pos) }
        ignore()
        return .text
    }

    private mutating func lexRightDelim() -> State? {
        let (_, trimSpace) = atRightDelim()
        if trimSpace {
            pos += 2
            ignore()
        }
        pos += rightDelim.count
        let i = thisItem(.rightDelim)
        if trimSpace {
            pos += leftTrimLength(pos)
            ignore()
        }
        insideAction = false
        return emitItem(i)
    }

    private mutating func lexInsideAction() -> State? {
        let (delim, _) = atRightDelim()
        if delim {
            if parenDepth == 0 { return .rightDelim }
            return errorf("unclosed left paren")
        }
        let r = next()
        switch r {
        case Lexer.eofRune:
            return errorf("unclosed action")
        case _ where Lexer.isSpace(r):
            backup()
            return .space
        case 0x3D: // =
            return emit(.assign)
        case 0x3A: // :
            if next() != 0x3D { return errorf("expected :=") }
            return emit(.declare)
        case 0x7C: // |
            return emit(.pipe)
        case 0x22: // "
            return .quote
        case 0x60: // `
            return .rawQuote
        case 0x24: // $
            return .variable
        case 0x27: // '
            return .char
        case 0x2E: // .
            if pos < end {
                let c = input[pos]
                if c < 0x30 || c > 0x39 { return .field }
            }
            backup()
            return .number
        case 0x2B, 0x2D, 0x30...0x39:
            backup()
            return .number
        case _ where Lexer.isAlphaNumeric(r):
            backup()
            return .identifier
        case 0x28: // (
            parenDepth += 1
            return emit(.leftParen)
        case 0x29: // )
            parenDepth -= 1
            if parenDepth < 0 { return errorf("unexpected right paren") }
            return emit(.rightParen)
        case _ where r < 0x80 && r >= 0x20 && r < 0x7F:
            return emit(.char)
        default:
            return errorf("unrecognized character in action: \(Lexer.formatRuneU(r))")
        }
    }

    /// Go's `%#U`: `U+002D '-'`.
    static func formatRuneU(_ r: UInt32) -> String {
        var hex = String(r, radix: 16, uppercase: true)
        while hex.count < 4 { hex = "0" + hex }
        if let s = Unicode.Scalar(r), GoQuote.isPrint(s) {
            return "U+\(hex) '\(Character(s))'"
        }
        return "U+\(hex)"
    }

    private mutating func lexSpace() -> State? {
        var numSpaces = 0
        while true {
            let r = peek()
            if !Lexer.isSpace(r) { break }
            _ = next()
            numSpaces += 1
        }
        if hasRightTrimMarker(at: pos - 1) && hasPrefix(rightDelim, at: pos - 1 + 2) {
            backup()
            if numSpaces == 1 { return .rightDelim }
        }
        return emit(.space)
    }

    private mutating func lexIdentifier() -> State? {
        while true {
            let r = next()
            if Lexer.isAlphaNumeric(r) { continue }
            backup()
            let word = text(start, pos)
            if !atTerminator() {
                return errorf("bad character \(Lexer.formatRuneU(r))")
            }
            if let kw = TokenKind.keywords[word], kw.isKeyword {
                if (kw == .break && !breakOK) || (kw == .continue && !continueOK) {
                    return emit(.identifier)
                }
                return emit(kw)
            }
            if word.utf8.first == 0x2E { return emit(.field) }
            if word == "true" || word == "false" { return emit(.bool) }
            return emit(.identifier)
        }
    }

    private mutating func lexVariable() -> State? {
        if atTerminator() { return emit(.variable) }
        return lexFieldOrVariable(.variable)
    }

    private mutating func lexFieldOrVariable(_ kind: TokenKind) -> State? {
        if atTerminator() {
            return emit(kind == .variable ? .variable : .dot)
        }
        var r: UInt32
        while true {
            r = next()
            if !Lexer.isAlphaNumeric(r) {
                backup()
                break
            }
        }
        if !atTerminator() {
            return errorf("bad character \(Lexer.formatRuneU(r))")
        }
        return emit(kind)
    }

    private mutating func atTerminator() -> Bool {
        let r = peek()
        if Lexer.isSpace(r) { return true }
        switch r {
        case Lexer.eofRune, 0x2E, 0x2C, 0x7C, 0x3A, 0x29, 0x28:
            return true
        default:
            return hasPrefix(rightDelim, at: pos)
        }
    }

    private mutating func lexChar() -> State? {
        while true {
            var r = next()
            if r == 0x5C {
                r = next()
                if r != Lexer.eofRune && r != 0x0A { continue }
                return errorf("unterminated character constant")
            }
            if r == Lexer.eofRune || r == 0x0A { return errorf("unterminated character constant") }
            if r == 0x27 { break }
        }
        return emit(.charConstant)
    }

    private mutating func lexNumber() -> State? {
        if !scanNumber() {
            return errorf("bad number syntax: \(GoFormat.quote(text(start, pos)))")
        }
        let sign = peek()
        if sign == 0x2B || sign == 0x2D {
            if !scanNumber() || input[pos - 1] != 0x69 {
                return errorf("bad number syntax: \(GoFormat.quote(text(start, pos)))")
            }
            return emit(.complex)
        }
        return emit(.number)
    }

    private mutating func scanNumber() -> Bool {
        _ = accept("+-")
        var digits = "0123456789_"
        if accept("0") {
            if accept("xX") {
                digits = "0123456789abcdefABCDEF_"
            } else if accept("oO") {
                digits = "01234567_"
            } else if accept("bB") {
                digits = "01_"
            }
        }
        acceptRun(digits)
        if accept(".") { acceptRun(digits) }
        if digits.utf8.count == 11 && accept("eE") {
            _ = accept("+-")
            acceptRun("0123456789_")
        }
        if digits.utf8.count == 23 && accept("pP") {
            _ = accept("+-")
            acceptRun("0123456789_")
        }
        _ = accept("i")
        if Lexer.isAlphaNumeric(peek()) {
            _ = next()
            return false
        }
        return true
    }

    private mutating func lexQuote() -> State? {
        while true {
            var r = next()
            if r == 0x5C {
                r = next()
                if r != Lexer.eofRune && r != 0x0A { continue }
                return errorf("unterminated quoted string")
            }
            if r == Lexer.eofRune || r == 0x0A { return errorf("unterminated quoted string") }
            if r == 0x22 { break }
        }
        return emit(.string)
    }

    private mutating func lexRawQuote() -> State? {
        while true {
            let r = next()
            if r == Lexer.eofRune { return errorf("unterminated raw quoted string") }
            if r == 0x60 { break }
        }
        return emit(.rawString)
    }
}
