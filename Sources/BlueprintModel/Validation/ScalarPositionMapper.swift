/// Maps a position inside a YAML scalar's *value* (a template's line:column) back
/// to the file, so a template error points where the author typed it.
///
/// libyaml gives the scalar's start; the value's own layout depends on the style:
/// quoted scalars start one column after the quote, block scalars (`|`, `>`) on the
/// next line at the block's indentation. Escapes in double-quoted scalars and
/// folded line breaks are not undone, so a column there can be off by a few
/// characters on lines with escapes; the line is always right for literal blocks.
public struct ScalarPositionMapper: Sendable {
    private let lines: [Substring]

    public init(sourceText: String) {
        lines = sourceText.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// `line` and `column` are 1-based within the scalar's value.
    public func location(line: Int, column: Int, in scalar: SourceValue.Scalar) -> SourceLocation {
        var result = scalar.location
        switch scalar.style {
        case .plain, .singleQuoted, .doubleQuoted:
            let quote = scalar.style == .plain ? 0 : 1
            if line <= 1 {
                result.column = scalar.location.column + quote + column - 1
            } else {
                result.line = scalar.location.line + line - 1
                result.column = indentation(ofLine: result.line) + column
            }
        case .literal, .folded:
            result.line = scalar.location.line + line
            result.column = indentation(ofLine: result.line) + column
        }
        return result
    }

    private func indentation(ofLine line: Int) -> Int {
        guard lines.indices.contains(line - 1) else { return 0 }
        return lines[line - 1].prefix { $0 == " " }.count
    }
}
