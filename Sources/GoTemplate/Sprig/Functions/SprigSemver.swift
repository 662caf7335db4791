import Foundation

/// sprig's semver.go: `semver` and `semverCompare`.
enum SprigSemver {
    static var functions: [TemplateFunction] {
        [
            TemplateFunction("semver", [.string]) { args in
                do { return .object(try SemverVersion.parse(try SprigArgs.string(args, 0))) } catch let e as SemverVersion.Invalid {
                    throw TemplateFunctionError(e.message)
                }
            },
            TemplateFunction("semverCompare", [.string, .string]) { args in
                do {
                    let c = try SemverConstraints.parse(try SprigArgs.string(args, 0))
                    let v = try SemverVersion.parse(try SprigArgs.string(args, 1))
                    return .bool(c.check(v))
                } catch let e as SemverVersion.Invalid {
                    throw TemplateFunctionError(e.message)
                }
            },
        ]
    }
}
