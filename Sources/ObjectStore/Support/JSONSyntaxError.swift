import Foundation

/// Where a JSON text stops being JSON. `JSONDecoder` only says "The given data
/// was not valid JSON." with no position; `JSONSerialization` knows the byte
/// offset ("around character 26"), which becomes a line and column here.
struct JSONSyntaxError: Equatable, CustomStringConvertible {
    /// 1-based.
    var line: Int
    /// 1-based, in bytes.
    var column: Int
    /// The parser's words without the offset, e.g. "Invalid value".
    var problem: String

    var description: String { "not valid JSON at line \(line), column \(column): \(problem)" }

    /// The first syntax error in `data`, or `nil` if it parses.
    static func find(in data: Data) -> JSONSyntaxError? {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return nil
        } catch {
            let text = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
            guard let range = text.range(of: " around character "),
                  let offset = Int(text[range.upperBound...].prefix { $0.isNumber })
            else { return JSONSyntaxError(line: 1, column: 1, problem: text) }
            var line = 1
            var column = 1
            for byte in data.prefix(offset) {
                if byte == UInt8(ascii: "\n") {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            }
            return JSONSyntaxError(line: line, column: column, problem: String(text[..<range.lowerBound]))
        }
    }
}
