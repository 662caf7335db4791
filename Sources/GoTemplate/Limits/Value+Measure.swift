/// Depth and estimated size of a value, computed without recursion (the value may
/// come from anywhere, and measuring must not be what overflows the stack).
extension Value {
    /// Bytes estimated for one value slot in a list or map.
    static let slotBytes = MemoryLayout<Value>.stride

    struct Measure {
        /// Nesting depth, stopped at `maxValueDepth + 1` (scalars are 0).
        var depth = 0
        /// Estimated bytes (strings count their UTF-8 bytes, lists and maps a slot
        /// per element plus the keys), stopped once past `byteLimit`.
        var bytes = 0
    }

    /// Measures down to one level past the depth limit and stops adding bytes past
    /// `byteLimit`, so the cost of measuring is bounded by what the value may be.
    func measure(byteLimit: Int) -> Measure {
        var result = Measure()
        // (value, how many lists and maps enclose it)
        var stack: [(Value, Int)] = [(self, 0)]
        while let (value, level) = stack.popLast() {
            switch value {
            case .string(let s): result.bytes += s.utf8.count
            case .bytes(let b): result.bytes += b.count
            case .list(let items, _):
                result.depth = max(result.depth, level + 1)
                result.bytes += items.count * Value.slotBytes
                if result.bytes > byteLimit || result.depth > TemplateLimits.maxValueDepth { return result }
                for item in items {
                    if item.isContainer { stack.append((item, level + 1)) } else if case .string(let s) = item {
                        result.bytes += s.utf8.count
                    }
                }
            case .map(let m):
                result.depth = max(result.depth, level + 1)
                result.bytes += m.count * (Value.slotBytes + 16)
                if result.bytes > byteLimit || result.depth > TemplateLimits.maxValueDepth { return result }
                for (key, item) in m {
                    result.bytes += key.utf8.count
                    if item.isContainer { stack.append((item, level + 1)) } else if case .string(let s) = item {
                        result.bytes += s.utf8.count
                    }
                }
            default: break
            }
            if result.bytes > byteLimit { return result }
        }
        return result
    }

    /// Whether the value holds other values (a list or a map).
    var isContainer: Bool {
        switch self {
        case .list, .map: return true
        default: return false
        }
    }

    /// Throws when the value nests deeper than ``TemplateLimits/maxValueDepth`` or is
    /// estimated larger than `byteLimit`; `what` names where the value came from.
    func checkLimits(_ what: String, byteLimit: Int) throws(TemplateLimitError) {
        let m = measure(byteLimit: byteLimit)
        if m.depth > TemplateLimits.maxValueDepth { throw .depth(what) }
        if m.bytes > byteLimit { throw .size(what, bytes: m.bytes, limit: byteLimit) }
    }
}
