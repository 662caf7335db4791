import Foundation

/// sprig's defaults.go (default, empty, coalesce, all, any, ternary) and its JSON
/// functions, plus reflect.go (typeOf, kindOf, …) and deepEqual.
enum SprigDefaults {
    static var functions: [TemplateFunction] {
        typealias A = SprigArgs
        func json(_ name: String, escapeHTML: Bool = true, indent: String? = nil, must: Bool) -> TemplateFunction {
            TemplateFunction(name, [.any]) { args in
                do {
                    return .string(try GoJSON.encode(A.any(args, 0), escapeHTML: escapeHTML, indent: indent))
                } catch let e as GoJSON.EncodingError {
                    if must { throw TemplateFunctionError(e.message) }
                    return .string("")
                }
            }
        }
        return [
            TemplateFunction("default", [.any], variadic: .any) { args in
                let given = Array(args.dropFirst())
                if given.isEmpty || given[0].sprigIsEmpty { return A.any(args, 0) }
                return given[0]
            },
            TemplateFunction("empty", [.any]) { .bool(A.any($0, 0).sprigIsEmpty) },
            TemplateFunction("coalesce", variadic: .any) { args in
                args.first { !$0.sprigIsEmpty } ?? .null
            },
            TemplateFunction("all", variadic: .any) { .bool($0.allSatisfy { !$0.sprigIsEmpty }) },
            TemplateFunction("any", variadic: .any) { .bool($0.contains { !$0.sprigIsEmpty }) },
            TemplateFunction("ternary", [.any, .any, .bool]) { args in
                try A.bool(args, 2) ? A.any(args, 0) : A.any(args, 1)
            },
            TemplateFunction("fromJson", [.string]) { args in
                do { return try GoJSON.decodeLenient(try A.string(args, 0)).0 } catch let e as TemplateLimitError {
                    throw e
                } catch {
                    return .null
                }
            },
            TemplateFunction("mustFromJson", [.string]) { args in
                do { return try GoJSON.decode(try A.string(args, 0)) } catch let e as GoJSON.DecodingError {
                    throw TemplateFunctionError(e.message)
                }
            },
            json("toJson", must: false),
            json("mustToJson", must: true),
            json("toPrettyJson", indent: "  ", must: false),
            json("mustToPrettyJson", indent: "  ", must: true),
            json("toRawJson", escapeHTML: false, must: true),
            json("mustToRawJson", escapeHTML: false, must: true),
            TemplateFunction("typeOf", [.any]) { .string(A.any($0, 0).goTypeName) },
            TemplateFunction("typeIs", [.string, .any]) { .bool(try A.string($0, 0) == A.any($0, 1).goTypeName) },
            TemplateFunction("typeIsLike", [.string, .any]) { args in
                let target = try A.string(args, 0), t = A.any(args, 1).goTypeName
                return .bool(target == t || "*" + target == t)
            },
            TemplateFunction("kindOf", [.any]) { .string(A.any($0, 0).goKindName) },
            TemplateFunction("kindIs", [.string, .any]) { .bool(try A.string($0, 0) == A.any($0, 1).goKindName) },
            TemplateFunction("deepEqual", [.any, .any]) { .bool(A.any($0, 0).sprigDeepEquals(A.any($0, 1))) },
            TemplateFunction("hello") { _ in .string("Hello!") },
            TemplateFunction("fail", [.string]) { throw TemplateFunctionError(try A.string($0, 0)) },
        ]
    }
}
