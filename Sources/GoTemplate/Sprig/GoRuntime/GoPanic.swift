import Foundation

/// Go's runtime panic texts that text/template reports as `error calling F: ...`.
enum GoPanic {
    static let nilDereference = TemplateFunctionError(
        "runtime error: invalid memory address or nil pointer dereference")

    static func sliceBounds(_ low: Int, _ high: Int) -> TemplateFunctionError {
        TemplateFunctionError("runtime error: slice bounds out of range [\(low):\(high)]")
    }
}
