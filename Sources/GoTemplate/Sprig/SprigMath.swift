import Foundation

/// sprig's numeric functions (numeric.go and the arithmetic in functions.go):
/// integer maths wraps around like Go's int64, `*f` variants go through
/// shopspring/decimal, conversions use spf13/cast.
enum SprigMath {
    static var functions: [TemplateFunction] {
        typealias A = SprigArgs
        let i64 = GoCast.toInt64
        func divide(_ name: String, _ op: @escaping @Sendable (Int64, Int64) -> Int64) -> TemplateFunction {
            TemplateFunction(name, [.any, .any]) { args in
                let b = i64(A.any(args, 1))
                guard b != 0 else { throw TemplateFunctionError("runtime error: integer divide by zero") }
                return .int64(op(i64(A.any(args, 0)), b))
            }
        }
        func decimalOp(_ name: String, _ op: DecimalOp) -> TemplateFunction {
            TemplateFunction(name, [.any], variadic: .any) { args in
                .float64(try decimalFold(GoCast.toFloat64(A.any(args, 0)), args.dropFirst().map(GoCast.toFloat64), op))
            }
        }
        func extreme(_ name: String, _ pickSecond: @escaping @Sendable (Int64, Int64) -> Bool) -> TemplateFunction {
            TemplateFunction(name, [.any], variadic: .any) { args in
                var a = i64(A.any(args, 0))
                for b in args.dropFirst().map(i64) where pickSecond(a, b) { a = b }
                return .int64(a)
            }
        }
        return [
            TemplateFunction("add1", [.any]) { .int64(i64(A.any($0, 0)) &+ 1) },
            TemplateFunction("add", variadic: .any) { .int64($0.reduce(Int64(0)) { $0 &+ i64($1) }) },
            TemplateFunction("sub", [.any, .any]) { .int64(i64(A.any($0, 0)) &- i64(A.any($0, 1))) },
            divide("div") { $1 == -1 ? 0 &- $0 : $0 / $1 },
            divide("mod") { $1 == -1 ? 0 : $0 % $1 },
            TemplateFunction("mul", [.any], variadic: .any) { args in
                .int64(args.dropFirst().reduce(i64(A.any(args, 0))) { $0 &* i64($1) })
            },
            TemplateFunction("randInt", [.int, .int]) { args in
                let lo = try A.int(args, 0), hi = try A.int(args, 1)
                guard hi - lo > 0 else { throw TemplateFunctionError("invalid argument to Intn") }
                return .int(Int.random(in: 0..<(hi - lo)) + lo)
            },
            TemplateFunction("add1f", [.any]) { .float64(try decimalFold(GoCast.toFloat64(A.any($0, 0)), [1], .add)) },
            TemplateFunction("addf", variadic: .any) { .float64(try decimalFold(0, $0.map(GoCast.toFloat64), .add)) },
            decimalOp("subf", .sub),
            decimalOp("mulf", .mul),
            decimalOp("divf", .div),
            extreme("biggest") { $1 > $0 },
            extreme("max") { $1 > $0 },
            extreme("min") { $1 < $0 },
            TemplateFunction("maxf", [.any], variadic: .any) { args in
                .float64(args.dropFirst().map(GoCast.toFloat64).reduce(GoCast.toFloat64(A.any(args, 0)), goMax))
            },
            TemplateFunction("minf", [.any], variadic: .any) { args in
                .float64(args.dropFirst().map(GoCast.toFloat64).reduce(GoCast.toFloat64(A.any(args, 0)), goMin))
            },
            TemplateFunction("ceil", [.any]) { .float64(GoCast.toFloat64(A.any($0, 0)).rounded(.up)) },
            TemplateFunction("floor", [.any]) { .float64(GoCast.toFloat64(A.any($0, 0)).rounded(.down)) },
            TemplateFunction("round", [.any, .int], variadic: .float64) { args in
                let roundOn: Double
                if args.count > 2, case .float64(let r) = args[2] { roundOn = r } else { roundOn = 0.5 }
                let val = GoCast.toFloat64(A.any(args, 0))
                let pow = Foundation.pow(10.0, Double(try A.int(args, 1)))
                let digit = pow * val
                let frac = digit - digit.rounded(.towardZero)
                let r = frac >= roundOn ? digit.rounded(.up) : digit.rounded(.down)
                return .float64(r / pow)
            },
            TemplateFunction("int", [.any]) { .int(GoCast.toInt(A.any($0, 0))) },
            TemplateFunction("int64", [.any]) { .int64(i64(A.any($0, 0))) },
            TemplateFunction("float64", [.any]) { .float64(GoCast.toFloat64(A.any($0, 0))) },
            TemplateFunction("atoi", [.string]) { .int(atoi(try A.string($0, 0))) },
            TemplateFunction("toDecimal", [.any]) { args in
                .int64(parseInt(A.any(args, 0).goDescription, base: 8) ?? 0)
            },
        ]
    }

    /// `math.Max`: NaN wins, +0 beats -0.
    static func goMax(_ a: Double, _ b: Double) -> Double {
        if a.isNaN || b.isNaN { return .nan }
        if a == 0 && b == 0 { return a.sign == .plus ? a : b }
        return Swift.max(a, b)
    }

    static func goMin(_ a: Double, _ b: Double) -> Double {
        if a.isNaN || b.isNaN { return .nan }
        if a == 0 && b == 0 { return a.sign == .minus ? a : b }
        return Swift.min(a, b)
    }

    /// `strconv.Atoi`; syntax errors give 0, range errors the clamped value.
    static func atoi(_ s: String) -> Int {
        var chars = Array(s.utf8)
        guard !chars.isEmpty else { return 0 }
        var negative = false
        if chars[0] == UInt8(ascii: "+") || chars[0] == UInt8(ascii: "-") {
            negative = chars[0] == UInt8(ascii: "-")
            chars.removeFirst()
        }
        guard !chars.isEmpty, chars.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return 0 }
        var v: Int = 0
        for c in chars {
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (a, o2) = negative ? m.subtractingReportingOverflow(Int(c - 0x30)) : m.addingReportingOverflow(Int(c - 0x30))
            if o1 || o2 { return negative ? Int.min : Int.max }
            v = a
        }
        return v
    }

    /// `strconv.ParseInt(s, base, 64)` for an explicit base (no prefixes, no `_`).
    static func parseInt(_ s: String, base: Int) -> Int64? {
        var chars = Array(s.utf8)
        guard !chars.isEmpty else { return nil }
        var negative = false
        if chars[0] == UInt8(ascii: "+") || chars[0] == UInt8(ascii: "-") {
            negative = chars[0] == UInt8(ascii: "-")
            chars.removeFirst()
        }
        guard !chars.isEmpty else { return nil }
        var v: Int64 = 0
        for c in chars {
            guard c >= 0x30, c <= 0x39, Int(c - 0x30) < base else { return nil }
            let (m, o1) = v.multipliedReportingOverflow(by: Int64(base))
            let (a, o2) = negative ? m.subtractingReportingOverflow(Int64(c - 0x30)) : m.addingReportingOverflow(Int64(c - 0x30))
            if o1 || o2 { return nil }
            v = a
        }
        return v
    }

    enum DecimalOp: Sendable { case add, sub, mul, div }

    /// shopspring/decimal: each float enters as its shortest decimal form, the
    /// arithmetic is exact (division rounds to 16 places), the result goes back to float64.
    static func decimalFold(_ first: Double, _ rest: [Double], _ op: DecimalOp) throws -> Double {
        func dec(_ d: Double) throws -> Decimal {
            guard d.isFinite else { throw TemplateFunctionError("Cannot create a Decimal from \(GoFormat.formatFloatV(d))") }
            return Decimal(string: GoFloat.shortestDecimal(d), locale: Locale(identifier: "en_US_POSIX")) ?? Decimal(d)
        }
        var acc = try dec(first)
        for x in rest {
            let dx = try dec(x)
            switch op {
            case .add: acc += dx
            case .sub: acc -= dx
            case .mul: acc *= dx
            case .div:
                guard !dx.isZero else { throw TemplateFunctionError("decimal division by 0") }
                var q = acc / dx
                var rounded = Decimal()
                NSDecimalRound(&rounded, &q, 16, .plain)
                acc = rounded
            }
        }
        return Double(acc.description) ?? 0
    }
}
