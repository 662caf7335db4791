import Foundation

/// sprig's regex.go. The plain variants use `regexp.MustCompile`, whose panic
/// text Go reports as `regexp: Compile(...)`; must* variants return the error.
enum SprigRegex {
    static var functions: [TemplateFunction] {
        typealias A = SprigArgs
        @Sendable func compile(_ pattern: String, must: Bool) throws -> GoRegexp {
            do { return try GoRegexp.compile(pattern) } catch let e as GoRegexp.CompileError {
                if must { throw TemplateFunctionError(e.message) }
                let canBackquote = !pattern.contains("`") && !pattern.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\t") || $0.value == 0x7F }
                let quoted = canBackquote ? "`" + pattern + "`" : GoFormat.quote(pattern)
                throw TemplateFunctionError("regexp: Compile(\(quoted)): \(e.message)")
            }
        }
        var fns: [TemplateFunction] = [
            TemplateFunction("regexMatch", [.string, .string]) { args in
                guard let re = try? GoRegexp.compile(try A.string(args, 0)) else { return .bool(false) }
                return .bool(re.matches(try A.string(args, 1)))
            },
            TemplateFunction("mustRegexMatch", [.string, .string]) { args in
                .bool(try compile(try A.string(args, 0), must: true).matches(try A.string(args, 1)))
            },
            TemplateFunction("regexQuoteMeta", [.string]) { args in
                var out = ""
                for c in try A.string(args, 0).unicodeScalars {
                    if #"\.+*?()|[]{}^$"#.unicodeScalars.contains(c) { out += "\\" }
                    out.unicodeScalars.append(c)
                }
                return .string(out)
            },
        ]
        for (name, must) in [("regexFindAll", false), ("mustRegexFindAll", true)] {
            fns.append(TemplateFunction(name, [.string, .string, .int]) { args in
                let re = try compile(try A.string(args, 0), must: must)
                return [Value].strings(re.findAllStrings(try A.string(args, 1), try A.int(args, 2)))
            })
        }
        for (name, must) in [("regexFind", false), ("mustRegexFind", true)] {
            fns.append(TemplateFunction(name, [.string, .string]) { args in
                .string(try compile(try A.string(args, 0), must: must).find(try A.string(args, 1)))
            })
        }
        for (name, must, literal) in [("regexReplaceAll", false, false), ("mustRegexReplaceAll", true, false),
                                      ("regexReplaceAllLiteral", false, true), ("mustRegexReplaceAllLiteral", true, true)] {
            fns.append(TemplateFunction(name, [.string, .string, .string]) { args in
                let re = try compile(try A.string(args, 0), must: must)
                return .string(re.replaceAll(try A.string(args, 1), try A.string(args, 2), literal: literal))
            })
        }
        for (name, must) in [("regexSplit", false), ("mustRegexSplit", true)] {
            fns.append(TemplateFunction(name, [.string, .string, .int]) { args in
                let re = try compile(try A.string(args, 0), must: must)
                return [Value].strings(re.split(try A.string(args, 1), try A.int(args, 2)))
            })
        }
        return fns
    }
}
