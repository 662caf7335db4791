/// Go's builtin template functions (`text/template/funcs.go`). A function of the same
/// name in the ``FunctionMap`` replaces a builtin (sprig replaces `slice`), and then
/// the `and`/`or`/`call` special cases no longer apply, as in Go.
enum Builtin: String, Sendable, CaseIterable {
    case and, call, html, index, slice, js, len, not, or, print, printf, println, urlquery
    case eq, ge, gt, le, lt, ne

    /// How an argument reaches the builtin: as a raw `reflect.Value` (nil and interface
    /// values pass through untouched) or converted to a Go type.
    enum Parameter {
        case reflectValue
        case typed(ParameterType)
    }

    /// The fixed parameters and the variadic element type of the Go signature.
    var signature: (fixed: [Parameter], variadic: Parameter?) {
        switch self {
        case .and, .or, .call, .index, .slice, .eq:
            return ([.reflectValue], .reflectValue)
        case .html, .js, .urlquery, .print, .println:
            return ([], .typed(.any))
        case .printf:
            return ([.typed(.string)], .typed(.any))
        case .len, .not:
            return ([.reflectValue], nil)
        case .ge, .gt, .le, .lt, .ne:
            return ([.reflectValue, .reflectValue], nil)
        }
    }

    struct Failure: Error {
        let message: String
    }

    /// Runs the builtin on evaluated arguments (all but `and`/`or`, which the
    /// evaluator runs itself because they short-circuit).
    func run(_ args: [Slot], calleeName: String) throws(Failure) -> Slot {
        switch self {
        case .and, .or:
            return args.last ?? .invalid
        case .not:
            return Slot(.bool(!args[0].value.isTrue))
        case .len:
            return Slot(.int(try Builtin.length(args[0])))
        case .index:
            return try Builtin.index(args[0], Array(args.dropFirst()))
        case .slice:
            return try Builtin.slice(args[0], Array(args.dropFirst()))
        case .print:
            return Slot(.string(GoFormat.sprint(args.map(\.value))))
        case .println:
            return Slot(.string(GoFormat.sprintln(args.map(\.value))))
        case .printf:
            guard case .string(let format) = args[0].value else { return Slot(.string("")) }
            return Slot(.string(GoFormat.sprintf(format, args.dropFirst().map(\.value))))
        case .html:
            return Slot(.string(Escapers.html(Escapers.evalArgs(args.map(\.value)))))
        case .js:
            return Slot(.string(Escapers.js(Escapers.evalArgs(args.map(\.value)))))
        case .urlquery:
            return Slot(.string(Escapers.queryEscape(Escapers.evalArgs(args.map(\.value)))))
        case .call:
            let fn = args[0].unboxed
            if fn.isInvalid { throw Failure(message: "call of nil") }
            throw Failure(message: "non-function \(calleeName) of type \(fn.typeName)")
        case .eq:
            return Slot(.bool(try Comparison.eq(args[0], Array(args.dropFirst()))))
        case .ne:
            return Slot(.bool(!(try Comparison.eq(args[0], [args[1]]))))
        case .lt:
            return Slot(.bool(try Comparison.lt(args[0], args[1])))
        case .le:
            return Slot(.bool(try Comparison.le(args[0], args[1])))
        case .gt:
            return Slot(.bool(!(try Comparison.le(args[0], args[1]))))
        case .ge:
            return Slot(.bool(!(try Comparison.lt(args[0], args[1]))))
        }
    }

    // MARK: - len, index, slice

    private static func length(_ item: Slot) throws(Failure) -> Int {
        if item.isNil { throw Failure(message: "len of nil pointer") }
        switch item.value {
        case .string(let s): return s.utf8.count
        case .list(let l, _): return l.count
        case .map(let m): return m.count
        case .object(let o as GoStringMap): return o.entries.count
        case .bytes(let b): return b.count
        default: throw Failure(message: "len of type \(item.value.goTypeName)")
        }
    }

    private static func indexArg(_ index: Slot, cap: Int) throws(Failure) -> Int {
        let x: Int64
        switch index.value {
        case .int(let i): x = Int64(i)
        case .int64(let i): x = i
        case .null: throw Failure(message: "cannot index slice/array with nil")
        default: throw Failure(message: "cannot index slice/array with type \(index.value.goTypeName)")
        }
        if x < 0 || x > Int64(cap) { throw Failure(message: "index out of range: \(x)") }
        return Int(x)
    }

    private static func index(_ item0: Slot, _ indexes: [Slot]) throws(Failure) -> Slot {
        var item = item0.unboxed
        if item.isInvalid { throw Failure(message: "index of untyped nil") }
        for index in indexes {
            let index = index.unboxed
            if item.isNil { throw Failure(message: "index of nil pointer") }
            switch item.value {
            case .list(let l, let elementType):
                let x = try indexArg(index, cap: l.count)
                if x >= l.count { throw Failure(message: "reflect: slice index out of range") }
                item = Slot(value: l[x], boxed: elementType == "interface {}")
            case .bytes(let b):
                let x = try indexArg(index, cap: b.count)
                if x >= b.count { throw Failure(message: "reflect: slice index out of range") }
                item = Slot(.int(Int(b[x])))
            case .string(let s):
                let utf8 = Array(s.utf8)
                let x = try indexArg(index, cap: utf8.count)
                if x >= utf8.count { throw Failure(message: "reflect: string index out of range") }
                item = Slot(.int(Int(utf8[x])))
            case .map(let m):
                guard case .string(let key) = index.value else {
                    if index.isInvalid { throw Failure(message: "value is nil; should be of type string") }
                    throw Failure(message: "value has type \(index.value.goTypeName); should be string")
                }
                item = Slot(value: m[key] ?? .null, boxed: true)
            case .object(let o as GoStringMap):
                guard case .string(let key) = index.value else {
                    if index.isInvalid { throw Failure(message: "value is nil; should be of type string") }
                    throw Failure(message: "value has type \(index.value.goTypeName); should be string")
                }
                item = Slot(.string(o.entries[key] ?? ""))
            default:
                throw Failure(message: "can't index item of type \(item.typeName)")
            }
        }
        return item
    }

    private static func slice(_ item0: Slot, _ indexes: [Slot]) throws(Failure) -> Slot {
        let item = item0.unboxed
        if item.isInvalid { throw Failure(message: "slice of untyped nil") }
        if indexes.count > 3 { throw Failure(message: "too many slice indexes: \(indexes.count)") }
        let count: Int
        switch item.value {
        case .string(let s):
            if indexes.count == 3 { throw Failure(message: "cannot 3-index slice a string") }
            count = s.utf8.count
        case .list(let l, _): count = l.count
        case .bytes(let b): count = b.count
        default: throw Failure(message: "can't slice item of type \(item.value.goTypeName)")
        }
        var idx = [0, count, 0]
        for (i, index) in indexes.enumerated() {
            idx[i] = try indexArg(index, cap: count)
        }
        if idx[0] > idx[1] { throw Failure(message: "invalid slice index: \(idx[0]) > \(idx[1])") }
        if indexes.count == 3 && idx[1] > idx[2] {
            throw Failure(message: "invalid slice index: \(idx[1]) > \(idx[2])")
        }
        switch item.value {
        case .string(let s):
            let utf8 = Array(s.utf8)
            return Slot(.string(String(decoding: utf8[idx[0]..<idx[1]], as: UTF8.self)))
        case .list(let l, let elementType):
            return Slot(.list(Array(l[idx[0]..<idx[1]]), elementType: elementType))
        case .bytes(let b):
            return Slot(.bytes(Array(b[idx[0]..<idx[1]])))
        default:
            return .invalid
        }
    }
}
