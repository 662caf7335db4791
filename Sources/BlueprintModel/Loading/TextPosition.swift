/// A position in input text: 1-based line and column (columns in Unicode
/// scalars, as libyaml counts them) and, when known, the 0-based byte offset,
/// which is what a hex editor or `dd` needs when the text is not valid UTF-8.
/// (Positions taken from Yams's marks have no offset.)
public struct TextPosition: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var byteOffset: Int?

    public init(line: Int, column: Int, byteOffset: Int? = nil) {
        self.line = line
        self.column = column
        self.byteOffset = byteOffset
    }

    public static let start = TextPosition(line: 1, column: 1, byteOffset: 0)

    public var description: String {
        byteOffset.map { "\(line):\(column) (byte offset \($0))" } ?? "\(line):\(column)"
    }

    public func location(in file: String) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column)
    }
}
