/// Sizes beyond which a template function refuses to build its result. Go would
/// try to allocate and crash the process (or loop until memory runs out); a
/// rendering engine reports an error instead.
enum SprigLimits {
    /// Largest string or list a single function call may produce.
    static let maxElements = 64 << 20

    static func check(_ count: Int, _ what: String) throws {
        if count > maxElements {
            throw TemplateFunctionError("\(what): result of \(count) elements exceeds the template limit of \(maxElements)")
        }
    }
}
