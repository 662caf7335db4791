/// Sizes beyond which a template function refuses to build its result. Go would
/// try to allocate and crash the process (or loop until memory runs out); a
/// rendering engine reports an error instead, before allocating.
enum SprigLimits {
    /// Largest string or list a single function call may produce, whatever the budget.
    static let maxElements = 64 << 20

    /// Refuses a result of `count` elements of about `bytesEach` bytes when it passes
    /// ``maxElements`` or the render's ``TemplateLimits/maxValueBytes``.
    static func check(_ count: Int, _ what: String, bytesEach: Int = 1) throws {
        let budget = RenderBudget.limits.maxValueBytes
        let (bytes, overflow) = count.multipliedReportingOverflow(by: bytesEach)
        if count > maxElements || overflow || bytes > budget {
            throw TemplateLimitError.size("\(what): a result of \(count) elements", bytes: overflow ? Int.max : bytes, limit: budget)
        }
    }
}
