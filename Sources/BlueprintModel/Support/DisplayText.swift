/// Text from the input made safe to print: control characters are shown as
/// `\u{1B}`-style escapes, never written raw.
///
/// A blueprint is untrusted input. A key or value that holds an escape sequence
/// (`"\e[2J"` in a double-quoted YAML string, or a raw ESC byte) would otherwise
/// reach the terminal through a diagnostic and clear the screen, hide the real
/// message or forge another one.
public enum DisplayText {
    /// `text` with C0 and C1 controls, DEL and the bidirectional overrides escaped.
    /// Newlines and tabs are kept only when `keepingLayout` is true (our own
    /// multi-line messages); text quoted from the input escapes them too.
    public static func escaped(_ text: String, keepingLayout: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: { needsEscape($0, keepingLayout: keepingLayout) }) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            if needsEscape(scalar, keepingLayout: keepingLayout) {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    static func needsEscape(_ scalar: Unicode.Scalar, keepingLayout: Bool) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: return !keepingLayout
        case 0x00...0x1F, 0x7F...0x9F: return true
        // Bidirectional embeddings, overrides and isolates can reorder what is shown.
        case 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}
