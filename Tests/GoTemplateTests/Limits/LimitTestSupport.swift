import Foundation
@testable import GoTemplate

/// Renders `text` with the sprig map, returning the output or the TemplateError.
func renderResult(
    _ text: String, data: Value = .map([:]), limits: TemplateLimits = .default
) -> Result<String, TemplateError> {
    do {
        return .success(try Template(text: text, functions: .sprigShared).render(data, limits: limits))
    } catch let error as TemplateError {
        return .failure(error)
    } catch {
        return .failure(TemplateError(
            phase: .exec, kind: .execution, reason: "\(error)", templateName: "?", line: 0, column: 0,
            message: "unexpected error type: \(error)"))
    }
}

extension Result where Success == String, Failure == TemplateError {
    var error: TemplateError? {
        if case .failure(let e) = self { return e }
        return nil
    }
    var output: String? {
        if case .success(let s) = self { return s }
        return nil
    }
}

/// A field of /proc/self/status in KiB (VmRSS, VmHWM), nil where there is no /proc.
func procStatusKiB(_ field: String) -> Int? {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
    for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
        return Int(line.dropFirst(field.count + 1).split(separator: " ").first ?? "")
    }
    return nil
}
