import Foundation

/// sprig's list functions (list.go). Results are Go `[]interface{}` unless noted;
/// a nil list argument panics in Go (reflect.TypeOf(nil).Kind()), reported as an error.
enum SprigLists {
    static var functions: [TemplateFunction] {
        typealias A = SprigArgs
        /// A function over a list argument that Go rejects with "Cannot VERB on type KIND".
        func listFn(_ names: [String], _ params: [ParameterType], variadic: ParameterType? = nil,
                    listIndex: Int = 0, message: @escaping @Sendable (String) -> String,
                    _ body: @escaping @Sendable ([Value], [Value]) throws -> Value) -> [TemplateFunction] {
            names.map { name in
                TemplateFunction(name, params, variadic: variadic) { args in
                    let list = A.any(args, listIndex)
                    if case .null = list { throw GoPanic.nilDereference }
                    guard let items = list.sliceElements else { throw TemplateFunctionError(message(list.goKindName)) }
                    return try body(items, args)
                }
            }
        }
        @Sendable func ilist(_ items: [Value]) -> Value { .list(items) }
        var fns: [TemplateFunction] = [
            TemplateFunction("list", variadic: .any) { .list($0) },
            TemplateFunction("tuple", variadic: .any) { .list($0) },
            TemplateFunction("until", [.int]) { args in
                let n = try A.int(args, 0)
                return intList(try untilStep(0, n, n < 0 ? -1 : 1))
            },
            TemplateFunction("untilStep", [.int, .int, .int]) { args in
                intList(try untilStep(try A.int(args, 0), try A.int(args, 1), try A.int(args, 2)))
            },
            TemplateFunction("seq", variadic: .int) { args in
                .string(try seq(try (0..<args.count).map { try A.int(args, $0) }))
            },
            TemplateFunction("concat", variadic: .any) { args in
                var out: [Value] = []
                for l in args {
                    if case .null = l { throw GoPanic.nilDereference }
                    guard let items = l.sliceElements else {
                        throw TemplateFunctionError("Cannot concat type \(l.goKindName) as list")
                    }
                    out += items
                }
                return out.isEmpty ? .list([]) : .list(out)
            },
        ]
        fns += listFn(["append", "push", "mustAppend", "mustPush"], [.any, .any], message: { "Cannot push on type \($0)" }) {
            ilist($0 + [$1[1]])
        }
        fns += listFn(["prepend", "mustPrepend"], [.any, .any], message: { "Cannot prepend on type \($0)" }) {
            ilist([$1[1]] + $0)
        }
        fns += listFn(["chunk", "mustChunk"], [.int, .any], listIndex: 1, message: { "Cannot chunk type \($0)" }) { items, args in
            let size = try A.int(args, 0)
            guard size > 0 else { throw TemplateFunctionError("runtime error: makeslice: len out of range") }
            var chunks: [Value] = []
            var i = 0
            while i < items.count {
                chunks.append(.list(Array(items[i..<min(i + size, items.count)])))
                i += size
            }
            return .list(chunks, elementType: "[]interface {}")
        }
        fns += listFn(["first", "mustFirst"], [.any], message: { "Cannot find first on type \($0)" }) { items, _ in
            items.first ?? .null
        }
        fns += listFn(["last", "mustLast"], [.any], message: { "Cannot find last on type \($0)" }) { items, _ in
            items.last ?? .null
        }
        fns += listFn(["rest", "mustRest"], [.any], message: { "Cannot find rest on type \($0)" }) { items, _ in
            ilist(Array(items.dropFirst()))
        }
        fns += listFn(["initial", "mustInitial"], [.any], message: { "Cannot find initial on type \($0)" }) { items, _ in
            ilist(Array(items.dropLast()))
        }
        fns += listFn(["reverse", "mustReverse"], [.any], message: { "Cannot find reverse on type \($0)" }) { items, _ in
            ilist(items.reversed())
        }
        fns += listFn(["compact", "mustCompact"], [.any], message: { "Cannot compact on type \($0)" }) { items, _ in
            ilist(items.filter { !$0.sprigIsEmpty })
        }
        fns += listFn(["uniq", "mustUniq"], [.any], message: { "Cannot find uniq on type \($0)" }) { items, _ in
            var out: [Value] = []
            for item in items where !out.contains(where: { $0.sprigDeepEquals(item) }) { out.append(item) }
            return ilist(out)
        }
        fns += listFn(["without", "mustWithout"], [.any], variadic: .any, message: { "Cannot find without on type \($0)" }) { items, args in
            let omit = Array(args.dropFirst())
            return ilist(items.filter { item in !omit.contains { $0.sprigDeepEquals(item) } })
        }
        for name in ["has", "mustHas"] {
            fns.append(TemplateFunction(name, [.any, .any]) { args in
                let haystack = A.any(args, 1)
                if case .null = haystack { return .bool(false) }
                guard let items = haystack.sliceElements else {
                    throw TemplateFunctionError("Cannot find has on type \(haystack.goKindName)")
                }
                let needle = A.any(args, 0)
                return .bool(items.contains { $0.sprigDeepEquals(needle) })
            })
        }
        for name in ["slice", "mustSlice"] {
            fns.append(TemplateFunction(name, [.any], variadic: .any) { args in
                let list = A.any(args, 0)
                if case .null = list { throw GoPanic.nilDereference }
                guard let items = list.sliceElements else {
                    throw TemplateFunctionError("list should be type of slice or array but \(list.goKindName)")
                }
                if items.isEmpty { return .null }
                let start = args.count > 1 ? GoCast.toInt(args[1]) : 0
                let end = args.count > 2 ? GoCast.toInt(args[2]) : items.count
                guard start >= 0, end <= items.count, start <= end else {
                    throw TemplateFunctionError("reflect.Value.Slice: slice index out of bounds")
                }
                switch list {
                case .bytes(let b): return .bytes(Array(b[start..<end]))
                case .list(_, let element): return .list(Array(items[start..<end]), elementType: element)
                default: return .list(Array(items[start..<end]))
                }
            })
        }
        return fns
    }

    static func intList(_ xs: [Int]) -> Value { .list(xs.map { .int($0) }, elementType: "int") }

    static func untilStep(_ start: Int, _ stop: Int, _ step: Int) throws -> [Int] {
        var v: [Int] = []
        if stop < start {
            guard step < 0 else { return v }
            let (span, o) = start.subtractingReportingOverflow(stop)
            try SprigLimits.check(o ? Int.max : span / max(1, step == Int.min ? Int.max : -step), "untilStep", bytesEach: Value.slotBytes)
            var i = start
            while i > stop {
                v.append(i)
                let (n, overflow) = i.addingReportingOverflow(step)
                if overflow { break }
                i = n
            }
            return v
        }
        guard step > 0 else { return v }
        let (span, o) = stop.subtractingReportingOverflow(start)
        try SprigLimits.check(o ? Int.max : span / step, "untilStep", bytesEach: Value.slotBytes)
        var i = start
        while i < stop {
            v.append(i)
            let (n, overflow) = i.addingReportingOverflow(step)
            if overflow { break }
            i = n
        }
        return v
    }

    static func seq(_ params: [Int]) throws -> String {
        func join(_ xs: [Int]) -> String { xs.map(String.init).joined(separator: " ") }
        switch params.count {
        case 1:
            let end = params[0]
            let inc = end < 1 ? -1 : 1
            return join(try untilStep(1, end &+ inc, inc))
        case 2:
            let start = params[0], end = params[1]
            let step = end < start ? -1 : 1
            return join(try untilStep(start, end &+ step, step))
        case 3:
            let start = params[0], step = params[1], end = params[2]
            var inc = 1
            if end < start {
                inc = -1
                if step > 0 { return "" }
            }
            return join(try untilStep(start, end &+ inc, step))
        default:
            return ""
        }
    }
}
