import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A minimal element tree of an S3 XML answer; S3 bodies are small (≤ 1,000
/// keys per page), so building a tree is simpler than a streaming state machine.
struct XMLTree: Sendable {
    var name: String
    var text: String
    var children: [XMLTree]

    /// The first direct child with this name.
    func child(_ name: String) -> XMLTree? { children.first { $0.name == name } }
    /// Every direct child with this name.
    func all(_ name: String) -> [XMLTree] { children.filter { $0.name == name } }
    /// The text of the first direct child with this name.
    func value(_ name: String) -> String? { child(name)?.text }

    /// The tree of an answer; nil when it is not well-formed XML in UTF-8.
    static func parse(_ data: Data) -> XMLTree? {
        // FoundationXML traps (a force-unwrap in its libxml2 callbacks) on an
        // element name that is not UTF-8, which libxml2 hands on while it recovers
        // from the encoding error (found by Fuzz/, target s3xml). A server must not
        // be able to crash the engine, and S3 answers in UTF-8: anything else is
        // not an answer.
        guard String(validating: data, as: UTF8.self) != nil, !hasForeignMarkup(data) else { return nil }
        let parser = XMLParser(data: data)
        let delegate = Builder()
        parser.delegate = delegate
        guard parser.parse(), let root = delegate.root else { return nil }
        return root
    }

    /// True when `data` holds markup S3 never sends and FoundationXML mishandles:
    /// a processing instruction other than the leading `<?xml …?>` declaration
    /// (`<?xm?>` makes it call `strlen(NULL)`, found by Fuzz/, target s3xml), or a
    /// `<!…>` declaration (DOCTYPE, ENTITY) whose callbacks take the same path.
    /// Comments and CDATA sections pass (the tree ignores CDATA text).
    static func hasForeignMarkup(_ data: Data) -> Bool {
        let bytes = Array(data)
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        let declaration = Array("<?xml".utf8)
        var index = start
        while index + 1 < bytes.count {
            defer { index += 1 }
            guard bytes[index] == UInt8(ascii: "<") else { continue }
            let next = bytes[index + 1]
            if next == UInt8(ascii: "?") {
                let isDeclaration = index == start && bytes[index...].starts(with: declaration)
                    && index + 5 < bytes.count && [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index + 5])
                if !isDeclaration { return true }
            } else if next == UInt8(ascii: "!") {
                let rest = bytes[(index + 2)...]
                if !rest.starts(with: Array("--".utf8)) && !rest.starts(with: Array("[CDATA[".utf8)) { return true }
            }
        }
        return false
    }

    /// Escapes text for inclusion in an XML request body.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for ch in text.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                if ch.value < 0x20 && ch != "\n" && ch != "\t" && ch != "\r" {
                    out += "&#\(ch.value);"
                } else {
                    out.unicodeScalars.append(ch)
                }
            }
        }
        return out
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var stack: [XMLTree] = []
        var root: XMLTree?

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            stack.append(XMLTree(name: elementName, text: "", children: []))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard !stack.isEmpty else { return }
            stack[stack.count - 1].text += string
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?) {
            guard let done = stack.popLast() else { return }
            if stack.isEmpty {
                root = done
            } else {
                stack[stack.count - 1].children.append(done)
            }
        }
    }
}
