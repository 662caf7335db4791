/// A limit of ``TemplateLimits`` hit inside a template function or a decoder. The
/// executor turns it into a ``TemplateError`` of kind `limitExceeded` at the action
/// that called the function; unlike other function errors it is never swallowed
/// (`fromJson` returns nil for bad JSON, but not for JSON nested past the limit).
struct TemplateLimitError: Error, CustomStringConvertible, Sendable {
    let limit: TemplateLimits.Limit
    let message: String

    var description: String { message }

    /// A value nested deeper than ``TemplateLimits/maxValueDepth``.
    static func depth(_ what: String) -> TemplateLimitError {
        TemplateLimitError(
            limit: .valueDepth,
            message: "\(what) nests lists and maps more than \(TemplateLimits.maxValueDepth) deep "
                + "(TemplateLimits.maxValueDepth); flatten the data, or build it without nesting each "
                + "step inside the previous one")
    }

    /// A value estimated larger than ``TemplateLimits/maxValueBytes``.
    static func size(_ what: String, bytes: Int, limit: Int) -> TemplateLimitError {
        TemplateLimitError(
            limit: .valueBytes,
            message: "\(what) would take about \(bytes) bytes, more than the template limit of \(limit) bytes "
                + "(TemplateLimits.maxValueBytes); work on smaller pieces, or raise the limit for this template")
    }
}

/// The limits of the render running on this thread, for code that has no executor
/// at hand (template functions, decoders). Bound by ``Template/execute(_:limits:)``.
enum RenderBudget {
    @TaskLocal static var limits: TemplateLimits = .default
}
