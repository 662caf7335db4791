import Foundation

/// sprig's dict functions (dict.go). Go maps are references: `set` and `unset`
/// mutate the caller's map there; here they return the changed map and the
/// evaluator is responsible for any aliasing it wants to model.
enum SprigDicts {
    static var functions: [TemplateFunction] {
        typealias A = SprigArgs
        var fns: [TemplateFunction] = [
            TemplateFunction("dict", variadic: .any) { args in
                var d: [String: Value] = [:]
                var i = 0
                while i < args.count {
                    d[args[i].sprigString] = i + 1 < args.count ? args[i + 1] : .string("")
                    i += 2
                }
                return .map(d)
            },
            TemplateFunction("get", [.map, .string]) { args in
                try A.map(args, 0)[try A.string(args, 1)] ?? .string("")
            },
            TemplateFunction("set", [.map, .string, .any]) { args in
                var d = try A.map(args, 0)
                d[try A.string(args, 1)] = A.any(args, 2)
                return .map(d)
            },
            TemplateFunction("unset", [.map, .string]) { args in
                var d = try A.map(args, 0)
                d[try A.string(args, 1)] = nil
                return .map(d)
            },
            TemplateFunction("hasKey", [.map, .string]) { args in
                .bool(try A.map(args, 0)[try A.string(args, 1)] != nil)
            },
            TemplateFunction("pluck", [.string], variadic: .map) { args in
                let key = try A.string(args, 0)
                return .list(try (1..<max(args.count, 1)).compactMap { try A.map(args, $0)[key] })
            },
            // Go returns map order (random); sorted order is one of the orders Go may produce.
            TemplateFunction("keys", variadic: .map) { args in
                [Value].strings(try (0..<args.count).flatMap { try A.map(args, $0).keys.sorted(by: GoStrings.less) })
            },
            TemplateFunction("values", [.map]) { args in
                let d = try A.map(args, 0)
                return .list(d.keys.sorted(by: GoStrings.less).map { d[$0]! })
            },
            TemplateFunction("pick", [.map], variadic: .string) { args in
                let d = try A.map(args, 0)
                var out: [String: Value] = [:]
                for i in 1..<max(args.count, 1) {
                    let k = try A.string(args, i)
                    if let v = d[k] { out[k] = v }
                }
                return .map(out)
            },
            TemplateFunction("omit", [.map], variadic: .string) { args in
                var d = try A.map(args, 0)
                for i in 1..<max(args.count, 1) { d[try A.string(args, i)] = nil }
                return .map(d)
            },
            TemplateFunction("dig", variadic: .any) { args in
                guard args.count >= 3 else { throw TemplateFunctionError("dig needs at least three arguments") }
                guard case .map(var dict) = args[args.count - 1] else {
                    throw TemplateFunctionError(
                        "interface conversion: interface {} is \(args[args.count - 1].goTypeName), not map[string]interface {}")
                }
                let fallback = args[args.count - 2]
                let keys = try args[0..<(args.count - 2)].map { k -> String in
                    guard case .string(let s) = k else {
                        throw TemplateFunctionError("interface conversion: interface {} is \(k.goTypeName), not string")
                    }
                    return s
                }
                for (i, k) in keys.enumerated() {
                    guard let step = dict[k] else { return fallback }
                    if i == keys.count - 1 { return step }
                    guard case .map(let next) = step else {
                        throw TemplateFunctionError("interface conversion: interface {} is \(step.goTypeName), not map[string]interface {}")
                    }
                    dict = next
                }
                return fallback
            },
        ]
        for name in ["deepCopy", "mustDeepCopy"] {
            fns.append(TemplateFunction(name, [.any]) { A.any($0, 0) })
        }
        for (name, overwrite) in [("merge", false), ("mustMerge", false), ("mergeOverwrite", true), ("mustMergeOverwrite", true)] {
            fns.append(TemplateFunction(name, [.map], variadic: .map) { args in
                var dst = try A.map(args, 0)
                for i in 1..<max(args.count, 1) { dst = merge(dst, try A.map(args, i), overwrite: overwrite) }
                return .map(dst)
            })
        }
        return fns
    }

    /// mergo's `Merge` / `MergeWithOverwrite` for `map[string]interface{}`: nested
    /// maps merge recursively, a non-empty destination value wins unless overwriting,
    /// and a non-empty destination value is never replaced by a map or slice.
    static func merge(_ dst: [String: Value], _ src: [String: Value], overwrite: Bool) -> [String: Value] {
        var out = dst
        for (key, s) in src {
            if case .null = s {
                if overwrite { out[key] = .null }
                continue
            }
            let d = out[key]
            if case .map(let sm) = s, case .map(let dm)? = d {
                out[key] = .map(merge(dm, sm, overwrite: overwrite))
                continue
            }
            let sIsContainer: Bool
            switch s {
            case .map, .list, .bytes: sIsContainer = true
            default: sIsContainer = false
            }
            if let d, !d.sprigIsEmpty, sIsContainer {
                if case .list = s, overwrite { out[key] = s }
                continue
            }
            if overwrite || d == nil || d!.sprigIsEmpty { out[key] = s }
        }
        return out
    }
}
