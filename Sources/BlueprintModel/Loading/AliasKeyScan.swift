/// Finds, before libyaml and Yams compose the text, an alias or a list/map used as
/// a mapping key in a document that uses aliases.
///
/// Yams checks for duplicate keys by hashing every key in full. A key that is an
/// alias of an alias of … (`? *lol9`) is a tree of a billion nodes sharing
/// storage; hashing it walks every one of them, inside Yams, before any limit of
/// ours can look at the tree. Such keys have no use in a blueprint (keys are
/// names), so they are refused up front. The scan is a light tokenizer: it skips
/// comments, quoted strings and block scalars, and errs on the side of reporting.
/// A document without aliases is never refused by it: without shared subtrees,
/// hashing a key costs no more than reading it.
enum AliasKeyScan {
    static func check(_ text: String) throws(YAMLInputError) {
        var scanner = Scanner()
        for line in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            scanner.scan(Array(line))
        }
        if scanner.sawAlias, let suspect = scanner.firstSuspect {
            throw .aliasOrCollectionAsKey(at: suspect)
        }
    }

    private struct Scanner {
        var line = 0
        var byteOffset = 0
        var sawAlias = false
        var firstSuspect: TextPosition?
        /// Open quote carried over from an earlier line.
        var quote: UInt8?
        /// Inside a block scalar: the indentation its content must exceed.
        var blockParentIndent: Int?
        var flowDepth = 0

        mutating func scan(_ bytes: [UInt8]) {
            line += 1
            defer { byteOffset += bytes.count + 1 }
            let indent = bytes.prefix { $0 == UInt8(ascii: " ") }.count
            if let parent = blockParentIndent {
                let blank = bytes.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\t") }
                if blank || indent > parent { return }
                blockParentIndent = nil
            }
            var i = 0
            var tokenStart = true
            var collectionColumn = indent
            while i < bytes.count {
                let c = bytes[i]
                if let open = quote {
                    if c == UInt8(ascii: "\\"), open == UInt8(ascii: "\"") { i += 2; continue }
                    if c == open {
                        if open == UInt8(ascii: "'"), i + 1 < bytes.count, bytes[i + 1] == open { i += 2; continue }
                        quote = nil
                        tokenStart = false
                    }
                    i += 1
                    continue
                }
                if c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\r") {
                    tokenStart = true
                    i += 1
                    continue
                }
                if c == UInt8(ascii: "#"), tokenStart { return }
                switch c {
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    flowDepth += 1
                    tokenStart = true
                    i += 1
                    continue
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    flowDepth = max(0, flowDepth - 1)
                    if followedByKeyColon(bytes, from: i + 1) { suspect(bytes, at: i) }
                    tokenStart = false
                    i += 1
                    continue
                case UInt8(ascii: ","):
                    tokenStart = true
                    i += 1
                    continue
                default:
                    break
                }
                guard tokenStart else { i += 1; continue }
                tokenStart = false
                switch c {
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    quote = c
                    i += 1
                case UInt8(ascii: "*"):
                    sawAlias = true
                    var end = i + 1
                    while end < bytes.count, isAnchorCharacter(bytes[end]) { end += 1 }
                    if followedByKeyColon(bytes, from: end) { suspect(bytes, at: i) }
                    i = end
                case UInt8(ascii: "?") where isBlankOrEnd(bytes, i + 1):
                    suspect(bytes, at: i)
                    tokenStart = true
                    i += 1
                case UInt8(ascii: "-") where isBlankOrEnd(bytes, i + 1):
                    collectionColumn = i
                    tokenStart = true
                    i += 1
                case UInt8(ascii: ":") where isBlankOrEnd(bytes, i + 1) || flowDepth > 0:
                    tokenStart = true
                    i += 1
                case UInt8(ascii: "|"), UInt8(ascii: ">"):
                    var end = i + 1
                    while end < bytes.count, bytes[end] == UInt8(ascii: "+") || bytes[end] == UInt8(ascii: "-")
                        || (bytes[end] >= UInt8(ascii: "0") && bytes[end] <= UInt8(ascii: "9")) { end += 1 }
                    while end < bytes.count, bytes[end] == UInt8(ascii: " ") || bytes[end] == UInt8(ascii: "\r") { end += 1 }
                    if end == bytes.count || bytes[end] == UInt8(ascii: "#") {
                        blockParentIndent = collectionColumn
                        return
                    }
                    i = skipPlain(bytes, from: i, collectionColumn: &collectionColumn)
                case UInt8(ascii: "&"), UInt8(ascii: "!"):
                    // Anchors and tags come before a node: what follows is a token start.
                    var end = i + 1
                    while end < bytes.count, !isBlank(bytes[end]) { end += 1 }
                    tokenStart = true
                    i = end
                default:
                    i = skipPlain(bytes, from: i, collectionColumn: &collectionColumn)
                }
            }
        }

        /// Skips a plain scalar to the `: `, ` #` or (in flow) indicator ending it;
        /// a plain scalar followed by `: ` is a key, whose column is the map's.
        private func skipPlain(_ bytes: [UInt8], from start: Int, collectionColumn: inout Int) -> Int {
            var i = start
            while i < bytes.count {
                let c = bytes[i]
                if c == UInt8(ascii: ":"), isBlankOrEnd(bytes, i + 1) || (flowDepth > 0 && isFlowIndicator(bytes, i + 1)) {
                    collectionColumn = start
                    return i
                }
                if c == UInt8(ascii: "#"), i > start, isBlank(bytes[i - 1]) { return i }
                if flowDepth > 0, c == UInt8(ascii: ",") || c == UInt8(ascii: "]") || c == UInt8(ascii: "}")
                    || c == UInt8(ascii: "[") || c == UInt8(ascii: "{") { return i }
                i += 1
            }
            return i
        }

        private mutating func suspect(_ bytes: [UInt8], at index: Int) {
            if firstSuspect == nil {
                // Columns count scalars: skip UTF-8 continuation bytes.
                let column = bytes[..<index].filter { $0 & 0xC0 != 0x80 }.count + 1
                firstSuspect = TextPosition(line: line, column: column, byteOffset: byteOffset + index)
            }
        }

        private func followedByKeyColon(_ bytes: [UInt8], from start: Int) -> Bool {
            var i = start
            while i < bytes.count, bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t") { i += 1 }
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return false }
            return isBlankOrEnd(bytes, i + 1) || isFlowIndicator(bytes, i + 1)
        }

        private func isBlankOrEnd(_ bytes: [UInt8], _ index: Int) -> Bool {
            index >= bytes.count || isBlank(bytes[index])
        }

        private func isFlowIndicator(_ bytes: [UInt8], _ index: Int) -> Bool {
            guard index < bytes.count else { return false }
            return [UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: "["), UInt8(ascii: "{")].contains(bytes[index])
        }

        private func isBlank(_ c: UInt8) -> Bool {
            c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\r")
        }

        private func isAnchorCharacter(_ c: UInt8) -> Bool {
            (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
                || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "-") || c == UInt8(ascii: "_")
        }
    }
}
