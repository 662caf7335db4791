/// A port of Go's `fmt` printer (`fmt/print.go`, `fmt/format.go`) over ``Value``:
/// `Sprint`, `Sprintln`, `Sprintf` with every verb, flag, width, precision, argument
/// index and error form (`%!d(string=x)`, `%!v(MISSING)`, `%!(EXTRA …)`).
///
/// Arguments are Go `interface{}` values: `.null` is the nil interface. Inside lists
/// and maps, elements are interface values too, so a nil element prints `<nil>`
/// whatever the verb, exactly as Go prints `[]interface{}` and `map[string]interface{}`.
struct GoPrinter {
    private(set) var buf: [UInt8] = []

    private struct Flags {
        var widPresent = false
        var precPresent = false
        var minus = false
        var plus = false
        var sharp = false
        var space = false
        var zero = false
        var plusV = false
        var sharpV = false
    }

    private var f = Flags()
    private var wid = 0
    private var prec = 0
    private var erroring = false
    /// The argument being printed at the top level (Go's `p.arg`), nil when nested.
    private var arg: Value?
    private var argIsNil = false
    /// The nested value being printed (Go's `p.value`), for `badVerb`.
    private var nestedValue: Value?
    private var reordered = false
    private var goodArgNum = true

    init() {
        buf.reserveCapacity(64)
    }

    var string: String { String(decoding: buf, as: UTF8.self) }

    private mutating func clearFlags() {
        f = Flags()
        wid = 0
        prec = 0
    }

    private mutating func write(_ s: String) { buf.append(contentsOf: s.utf8) }
    private mutating func write(_ b: [UInt8]) { buf.append(contentsOf: b) }
    private mutating func writeByte(_ b: UInt8) { buf.append(b) }

    // MARK: - Padding (fmt/format.go)

    private mutating func writePadding(_ n: Int) {
        guard n > 0 else { return }
        let pad: UInt8 = (f.zero && !f.minus) ? 0x30 : 0x20
        buf.append(contentsOf: repeatElement(pad, count: n))
    }

    private static func runeCount(_ b: [UInt8]) -> Int {
        var n = 0
        for c in b where c & 0xC0 != 0x80 { n += 1 }
        return n
    }

    private mutating func pad(_ b: [UInt8]) {
        if !f.widPresent || wid == 0 {
            write(b)
            return
        }
        let width = wid - GoPrinter.runeCount(b)
        if !f.minus {
            writePadding(width)
            write(b)
        } else {
            write(b)
            writePadding(width)
        }
    }

    private mutating func padString(_ s: String) {
        if !f.widPresent || wid == 0 {
            write(s)
            return
        }
        let width = wid - s.unicodeScalars.count
        if !f.minus {
            writePadding(width)
            write(s)
        } else {
            write(s)
            writePadding(width)
        }
    }

    private mutating func fmtBoolean(_ v: Bool) { padString(v ? "true" : "false") }

    private static let ldigits: [UInt8] = Array("0123456789abcdefx".utf8)
    private static let udigits: [UInt8] = Array("0123456789ABCDEFX".utf8)

    private mutating func fmtUnicode(_ u0: UInt64) {
        var u = u0
        var precision = 4
        if f.precPresent && prec > 4 { precision = prec }
        var out: [UInt8] = []
        if f.sharp && u <= 0x10FFFF, let s = Unicode.Scalar(UInt32(u)), GoQuote.isPrint(s) {
            out = Array(" '\(Character(s))'".utf8)
        }
        var digits: [UInt8] = []
        while u >= 16 {
            digits.append(GoPrinter.udigits[Int(u & 0xF)])
            precision -= 1
            u >>= 4
        }
        digits.append(GoPrinter.udigits[Int(u)])
        precision -= 1
        while precision > 0 {
            digits.append(0x30)
            precision -= 1
        }
        var result: [UInt8] = [0x55, 0x2B]
        result.append(contentsOf: digits.reversed())
        result.append(contentsOf: out)
        let oldZero = f.zero
        f.zero = false
        pad(result)
        f.zero = oldZero
    }

    private mutating func fmtInteger(_ u0: UInt64, base: Int, isSigned: Bool, verb: UInt8, digits: [UInt8]) {
        var u = u0
        let negative = isSigned && Int64(bitPattern: u) < 0
        if negative { u = 0 &- u }
        var precision = 0
        if f.precPresent {
            precision = prec
            if precision == 0 && u == 0 {
                let oldZero = f.zero
                f.zero = false
                writePadding(wid)
                f.zero = oldZero
                return
            }
        } else if f.zero && !f.minus && f.widPresent {
            precision = wid
            if negative || f.plus || f.space { precision -= 1 }
        }
        var rev: [UInt8] = []
        let b = UInt64(base)
        while u >= b {
            rev.append(digits[Int(u % b)])
            u /= b
        }
        rev.append(digits[Int(u)])
        while precision > rev.count { rev.append(0x30) }
        if f.sharp {
            switch base {
            case 2: rev.append(contentsOf: [0x62, 0x30])
            case 8: if rev.last != 0x30 { rev.append(0x30) }
            case 16: rev.append(contentsOf: [digits[16], 0x30])
            default: break
            }
        }
        if verb == 0x4F { rev.append(contentsOf: [0x6F, 0x30]) }
        if negative {
            rev.append(0x2D)
        } else if f.plus {
            rev.append(0x2B)
        } else if f.space {
            rev.append(0x20)
        }
        let oldZero = f.zero
        f.zero = false
        pad(rev.reversed())
        f.zero = oldZero
    }

    private func truncate(_ s: String) -> String {
        if f.precPresent {
            var n = prec
            var idx = s.unicodeScalars.startIndex
            while idx < s.unicodeScalars.endIndex {
                n -= 1
                if n < 0 { return String(s.unicodeScalars[..<idx]) }
                idx = s.unicodeScalars.index(after: idx)
            }
        }
        return s
    }

    private mutating func fmtS(_ s: String) { padString(truncate(s)) }

    private mutating func fmtSbx(_ bytes: [UInt8], digits: [UInt8]) {
        var length = bytes.count
        if f.precPresent && prec < length { length = prec }
        var width = 2 * length
        if width > 0 {
            if f.space {
                if f.sharp { width *= 2 }
                width += length - 1
            } else if f.sharp {
                width += 2
            }
        } else {
            if f.widPresent { writePadding(wid) }
            return
        }
        if f.widPresent && wid > width && !f.minus { writePadding(wid - width) }
        if f.sharp { buf.append(contentsOf: [0x30, digits[16]]) }
        for i in 0..<length {
            if f.space && i > 0 {
                buf.append(0x20)
                if f.sharp { buf.append(contentsOf: [0x30, digits[16]]) }
            }
            let c = bytes[i]
            buf.append(digits[Int(c >> 4)])
            buf.append(digits[Int(c & 0xF)])
        }
        if f.widPresent && wid > width && f.minus { writePadding(wid - width) }
    }

    private mutating func fmtQ(_ s0: String) {
        let s = truncate(s0)
        if f.sharp && GoQuote.canBackquote(s) {
            padString("`" + s + "`")
            return
        }
        pad(Array(GoQuote.quote(s, asciiOnly: f.plus).utf8))
    }

    private mutating func fmtC(_ c: UInt64) {
        var r = Unicode.Scalar(0xFFFD)!
        if c <= 0x10FFFF, let s = Unicode.Scalar(UInt32(c)) { r = s }
        pad(Array(String(Character(r)).utf8))
    }

    private mutating func fmtQc(_ c: UInt64) {
        let value = c > 0x10FFFF ? Int64(0xFFFD) : Int64(c)
        pad(Array(GoQuote.quoteRune(value, asciiOnly: f.plus).utf8))
    }

    private mutating func fmtFloatRaw(_ v: Double, verb: UInt8, prec defaultPrec: Int) {
        let precision = f.precPresent ? prec : defaultPrec
        var num: [UInt8] = GoFloatFormat.format(v, fmt: verb, prec: precision)
        if num[0] == 0x2D || num[0] == 0x2B {
            // already signed
        } else {
            num.insert(0x2B, at: 0)
        }
        if f.space && num[0] == 0x2B && !f.plus { num[0] = 0x20 }
        if num.count > 1 && (num[1] == 0x49 || num[1] == 0x4E) {
            let oldZero = f.zero
            f.zero = false
            if num[1] == 0x4E && !f.space && !f.plus { num.removeFirst() }
            pad(num)
            f.zero = oldZero
            return
        }
        if f.sharp && verb != 0x62 {
            var digits = 0
            switch verb {
            case 0x76, 0x67, 0x47, 0x78:
                digits = precision
                if digits == -1 { digits = 6 }
            default: break
            }
            var tail: [UInt8] = []
            var hasDecimalPoint = false
            var sawNonzeroDigit = false
            var i = 1
            while i < num.count {
                switch num[i] {
                case 0x2E:
                    hasDecimalPoint = true
                case 0x70, 0x50:
                    tail.append(contentsOf: num[i...])
                    num.removeSubrange(i...)
                case 0x65, 0x45:
                    if verb != 0x78 && verb != 0x58 {
                        tail.append(contentsOf: num[i...])
                        num.removeSubrange(i...)
                    } else {
                        if num[i] != 0x30 { sawNonzeroDigit = true }
                        if sawNonzeroDigit { digits -= 1 }
                    }
                default:
                    if num[i] != 0x30 { sawNonzeroDigit = true }
                    if sawNonzeroDigit { digits -= 1 }
                }
                i += 1
            }
            if !hasDecimalPoint {
                if num.count == 2 && num[1] == 0x30 { digits -= 1 }
                num.append(0x2E)
            }
            while digits > 0 {
                num.append(0x30)
                digits -= 1
            }
            num.append(contentsOf: tail)
        }
        if f.plus || num[0] != 0x2B {
            if f.zero && !f.minus && f.widPresent && wid > num.count {
                buf.append(num[0])
                writePadding(wid - num.count)
                buf.append(contentsOf: num[1...])
                return
            }
            pad(num)
            return
        }
        pad(Array(num[1...]))
    }

    // MARK: - Verbs by kind (fmt/print.go)

    private mutating func badVerb(_ verb: UInt32) {
        erroring = true
        write("%!")
        writeRune(verb)
        writeByte(0x28)
        if let a = arg {
            write(a.goTypeName)
            writeByte(0x3D)
            printArg(a, verb: 0x76)
        } else if let v = nestedValue {
            write(v.goTypeName)
            writeByte(0x3D)
            printValue(v, verb: 0x76, depth: 0)
        } else {
            write("<nil>")
        }
        writeByte(0x29)
        erroring = false
    }

    private mutating func writeRune(_ r: UInt32) {
        if let s = Unicode.Scalar(r) {
            buf.append(contentsOf: String(Character(s)).utf8)
        } else {
            buf.append(contentsOf: [0xEF, 0xBF, 0xBD])
        }
    }

    private mutating func fmtBool(_ v: Bool, verb: UInt32) {
        switch verb {
        case 0x74, 0x76: fmtBoolean(v)
        default: badVerb(verb)
        }
    }

    private mutating func fmt0x64(_ v: UInt64, leading0x: Bool) {
        let sharp = f.sharp
        f.sharp = leading0x
        fmtInteger(v, base: 16, isSigned: false, verb: 0x76, digits: GoPrinter.ldigits)
        f.sharp = sharp
    }

    private mutating func fmtIntegerVerb(_ v: UInt64, isSigned: Bool, verb: UInt32) {
        switch verb {
        case 0x76:
            if f.sharpV && !isSigned {
                fmt0x64(v, leading0x: true)
            } else {
                fmtInteger(v, base: 10, isSigned: isSigned, verb: 0x76, digits: GoPrinter.ldigits)
            }
        case 0x64: fmtInteger(v, base: 10, isSigned: isSigned, verb: 0x64, digits: GoPrinter.ldigits)
        case 0x62: fmtInteger(v, base: 2, isSigned: isSigned, verb: 0x62, digits: GoPrinter.ldigits)
        case 0x6F, 0x4F: fmtInteger(v, base: 8, isSigned: isSigned, verb: UInt8(verb), digits: GoPrinter.ldigits)
        case 0x78: fmtInteger(v, base: 16, isSigned: isSigned, verb: 0x78, digits: GoPrinter.ldigits)
        case 0x58: fmtInteger(v, base: 16, isSigned: isSigned, verb: 0x58, digits: GoPrinter.udigits)
        case 0x63: fmtC(v)
        case 0x71: fmtQc(v)
        case 0x55: fmtUnicode(v)
        default: badVerb(verb)
        }
    }

    private mutating func fmtFloat(_ v: Double, verb: UInt32) {
        switch verb {
        case 0x76: fmtFloatRaw(v, verb: 0x67, prec: -1)
        case 0x62, 0x67, 0x47, 0x78, 0x58: fmtFloatRaw(v, verb: UInt8(verb), prec: -1)
        case 0x66, 0x65, 0x45: fmtFloatRaw(v, verb: UInt8(verb), prec: 6)
        case 0x46: fmtFloatRaw(v, verb: 0x66, prec: 6)
        default: badVerb(verb)
        }
    }

    private mutating func fmtComplex(_ re: Double, _ im: Double, verb: UInt32) {
        switch verb {
        case 0x76, 0x62, 0x67, 0x47, 0x78, 0x58, 0x66, 0x46, 0x65, 0x45:
            let oldPlus = f.plus
            writeByte(0x28)
            fmtFloat(re, verb: verb)
            f.plus = true
            fmtFloat(im, verb: verb)
            write("i)")
            f.plus = oldPlus
        default:
            badVerb(verb)
        }
    }

    private mutating func fmtString(_ v: String, verb: UInt32) {
        switch verb {
        case 0x76:
            if f.sharpV { fmtQ(v) } else { fmtS(v) }
        case 0x73: fmtS(v)
        case 0x78: fmtSbx(Array(v.utf8), digits: GoPrinter.ldigits)
        case 0x58: fmtSbx(Array(v.utf8), digits: GoPrinter.udigits)
        case 0x71: fmtQ(v)
        default: badVerb(verb)
        }
    }

    private mutating func fmtBytes(_ v: [UInt8], verb: UInt32, typeString: String) {
        switch verb {
        case 0x76, 0x64:
            if f.sharpV {
                write(typeString)
                writeByte(0x7B)
                for (i, c) in v.enumerated() {
                    if i > 0 { write(", ") }
                    fmt0x64(UInt64(c), leading0x: true)
                }
                writeByte(0x7D)
            } else {
                writeByte(0x5B)
                for (i, c) in v.enumerated() {
                    if i > 0 { writeByte(0x20) }
                    fmtInteger(UInt64(c), base: 10, isSigned: false, verb: UInt8(verb), digits: GoPrinter.ldigits)
                }
                writeByte(0x5D)
            }
        case 0x73: fmtS(String(decoding: v, as: UTF8.self))
        case 0x78: fmtSbx(v, digits: GoPrinter.ldigits)
        case 0x58: fmtSbx(v, digits: GoPrinter.udigits)
        case 0x71: fmtQ(String(decoding: v, as: UTF8.self))
        default:
            // Go prints the slice element by element with the verb.
            writeByte(0x5B)
            for (i, c) in v.enumerated() {
                if i > 0 { writeByte(0x20) }
                nestedValue = .int(Int(c))
                fmtIntegerVerb(UInt64(c), isSigned: false, verb: verb)
            }
            writeByte(0x5D)
        }
    }

    /// Go's `handleMethods` for values with a `String()`/`Error()` method.
    private mutating func handleMethods(_ value: Value, verb: UInt32) -> Bool {
        if erroring { return false }
        guard case .object(let o) = value else { return false }
        if o is ComplexNumber || o is GoStringMap { return false }
        if f.sharpV {
            fmtS(o.goDescription)
            return true
        }
        switch verb {
        case 0x76, 0x73, 0x78, 0x58, 0x71:
            fmtString(o.goDescription, verb: verb)
            return true
        default:
            return false
        }
    }

    /// Go's `printArg` for one top-level `interface{}` argument.
    mutating func printArg(_ a: Value, verb: UInt32) {
        arg = a
        nestedValue = nil
        if case .null = a {
            arg = nil
            switch verb {
            case 0x54, 0x76: padString("<nil>")
            default: badVerb(verb)
            }
            return
        }
        if verb == 0x54 {
            fmtS(a.goTypeName)
            return
        }
        switch a {
        case .bool(let b): fmtBool(b, verb: verb)
        case .int(let i): fmtIntegerVerb(UInt64(bitPattern: Int64(i)), isSigned: true, verb: verb)
        case .int64(let i): fmtIntegerVerb(UInt64(bitPattern: i), isSigned: true, verb: verb)
        case .float64(let d): fmtFloat(d, verb: verb)
        case .string(let s): fmtString(s, verb: verb)
        case .bytes(let b): fmtBytes(b, verb: verb, typeString: "[]byte")
        default:
            if !handleMethods(a, verb: verb) {
                printValue(a, verb: verb, depth: 0)
            }
        }
    }

    /// Go's `printValue`: `value` is a concrete value; `.null` is a nil element of an
    /// interface-typed container (only reachable at depth > 0).
    private mutating func printValue(_ value: Value, verb: UInt32, depth: Int) {
        if depth > 0, case .object = value {
            arg = value
            if handleMethods(value, verb: verb) { return }
        }
        arg = nil
        nestedValue = value
        switch value {
        case .null:
            if f.sharpV { write("interface {}(nil)") } else { write("<nil>") }
        case .bool(let b): fmtBool(b, verb: verb)
        case .int(let i): fmtIntegerVerb(UInt64(bitPattern: Int64(i)), isSigned: true, verb: verb)
        case .int64(let i): fmtIntegerVerb(UInt64(bitPattern: i), isSigned: true, verb: verb)
        case .float64(let d): fmtFloat(d, verb: verb)
        case .string(let s): fmtString(s, verb: verb)
        case .bytes(let b):
            switch verb {
            case 0x73, 0x71, 0x78, 0x58: fmtBytes(b, verb: verb, typeString: "[]uint8")
            default: printList(b.map { .int(Int($0)) }, typeName: "[]uint8", verb: verb, depth: depth, uint8: true)
            }
        case .list(let items, let elementType):
            printList(items, typeName: "[]" + elementType, verb: verb, depth: depth, uint8: false)
        case .map(let m):
            printMap(GoPrinter.sortedKeys(m).map { ($0, m[$0] ?? .null) }, typeName: "map[string]interface {}",
                     verb: verb, depth: depth)
        case .object(let o):
            if let typed = o as? GoStringMap {
                printMap(typed.sortedKeys.map { ($0, .string(typed.entries[$0] ?? "")) }, typeName: typed.goTypeName,
                         verb: verb, depth: depth)
            } else if let c = o as? ComplexNumber {
                fmtComplex(c.real, c.imag, verb: verb)
            } else if verb == 0x76 || verb == 0x73 {
                fmtS(o.goDescription)
            } else {
                badVerb(verb)
            }
        }
    }

    /// A map's entries in sorted key order, as `map[k:v …]` or, for `%#v`,
    /// `TYPE{"k":v, …}`.
    private mutating func printMap(_ entries: [(String, Value)], typeName: String, verb: UInt32, depth: Int) {
        if f.sharpV {
            write(typeName)
            writeByte(0x7B)
        } else {
            write("map[")
        }
        for (i, (key, value)) in entries.enumerated() {
            if i > 0 {
                if f.sharpV { write(", ") } else { writeByte(0x20) }
            }
            printValue(.string(key), verb: verb, depth: depth + 1)
            writeByte(0x3A)
            printValue(value, verb: verb, depth: depth + 1)
        }
        writeByte(f.sharpV ? 0x7D : 0x5D)
    }

    private mutating func printList(_ items: [Value], typeName: String, verb: UInt32, depth: Int, uint8: Bool) {
        if f.sharpV {
            write(typeName)
            writeByte(0x7B)
            for (i, item) in items.enumerated() {
                if i > 0 { write(", ") }
                if uint8, case .int(let b) = item {
                    nestedValue = item
                    fmt0x64(UInt64(b), leading0x: true)
                } else {
                    printValue(item, verb: verb, depth: depth + 1)
                }
            }
            writeByte(0x7D)
        } else {
            writeByte(0x5B)
            for (i, item) in items.enumerated() {
                if i > 0 { writeByte(0x20) }
                printValue(item, verb: verb, depth: depth + 1)
            }
            writeByte(0x5D)
        }
    }

    /// Map keys in Go's `fmtsort` order: byte-wise string order.
    static func sortedKeys(_ m: [String: Value]) -> [String] {
        m.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    // MARK: - Entry points

    /// `fmt.Sprint`.
    mutating func doPrint(_ args: [Value]) {
        var prevString = false
        for (i, a) in args.enumerated() {
            var isString = false
            if case .string = a { isString = true }
            if i > 0 && !isString && !prevString { writeByte(0x20) }
            printArg(a, verb: 0x76)
            prevString = isString
        }
    }

    /// `fmt.Sprintln`.
    mutating func doPrintln(_ args: [Value]) {
        for (i, a) in args.enumerated() {
            if i > 0 { writeByte(0x20) }
            printArg(a, verb: 0x76)
        }
        writeByte(0x0A)
    }

    private static func tooLarge(_ x: Int) -> Bool { x > 1_000_000 || x < -1_000_000 }

    private static func parsenum(_ s: [UInt8], _ start: Int, _ end: Int) -> (num: Int, isnum: Bool, newi: Int) {
        if start >= end { return (0, false, end) }
        var num = 0
        var isnum = false
        var newi = start
        while newi < end && s[newi] >= 0x30 && s[newi] <= 0x39 {
            if tooLarge(num) { return (0, false, end) }
            num = num * 10 + Int(s[newi] - 0x30)
            isnum = true
            newi += 1
        }
        return (num, isnum, newi)
    }

    private static func intFromArg(_ a: [Value], _ argNum: Int) -> (num: Int, isInt: Bool, newArgNum: Int) {
        var newArgNum = argNum
        var num = 0
        var isInt = false
        if argNum < a.count {
            switch a[argNum] {
            case .int(let i):
                num = i
                isInt = true
            case .int64(let i):
                num = Int(i)
                isInt = true
            default: break
            }
            newArgNum = argNum + 1
            if tooLarge(num) {
                num = 0
                isInt = false
            }
        }
        return (num, isInt, newArgNum)
    }

    private static func parseArgNumber(_ format: [UInt8], _ from: Int) -> (index: Int, wid: Int, ok: Bool) {
        if format.count - from < 3 { return (0, 1, false) }
        var i = from + 1
        while i < format.count {
            if format[i] == 0x5D {
                let (width, ok, newi) = parsenum(format, from + 1, i)
                if !ok || newi != i { return (0, i - from + 1, false) }
                return (width - 1, i - from + 1, true)
            }
            i += 1
        }
        return (0, 1, false)
    }

    private mutating func argNumber(_ argNum: Int, _ format: [UInt8], _ i: Int, _ numArgs: Int) -> (Int, Int, Bool) {
        if format.count <= i || format[i] != 0x5B { return (argNum, i, false) }
        reordered = true
        let (index, w, ok) = GoPrinter.parseArgNumber(format, i)
        if ok && 0 <= index && index < numArgs { return (index, i + w, true) }
        goodArgNum = false
        return (argNum, i + w, ok)
    }

    /// `fmt.Sprintf`.
    mutating func doPrintf(_ formatString: String, _ a: [Value]) {
        let format = Array(formatString.utf8)
        let end = format.count
        var argNum = 0
        var afterIndex = false
        reordered = false
        var i = 0
        formatLoop: while i < end {
            goodArgNum = true
            let lasti = i
            while i < end && format[i] != 0x25 { i += 1 }
            if i > lasti { buf.append(contentsOf: format[lasti..<i]) }
            if i >= end { break }
            i += 1
            clearFlags()
            simpleFormat: while i < end {
                let c = format[i]
                switch c {
                case 0x23: f.sharp = true
                case 0x30: f.zero = true
                case 0x2B: f.plus = true
                case 0x2D: f.minus = true
                case 0x20: f.space = true
                default:
                    if c >= 0x61 && c <= 0x7A && argNum < a.count {
                        if c == 0x76 {
                            f.sharpV = f.sharp
                            f.sharp = false
                            f.plusV = f.plus
                            f.plus = false
                        }
                        printArg(a[argNum], verb: UInt32(c))
                        argNum += 1
                        i += 1
                        continue formatLoop
                    }
                    break simpleFormat
                }
                i += 1
            }
            (argNum, i, afterIndex) = argNumber(argNum, format, i, a.count)
            if i < end && format[i] == 0x2A {
                i += 1
                (wid, f.widPresent, argNum) = GoPrinter.intFromArg(a, argNum)
                if !f.widPresent { write("%!(BADWIDTH)") }
                if wid < 0 {
                    wid = -wid
                    f.minus = true
                    f.zero = false
                }
                afterIndex = false
            } else {
                (wid, f.widPresent, i) = GoPrinter.parsenum(format, i, end)
                if afterIndex && f.widPresent { goodArgNum = false }
            }
            if i + 1 < end && format[i] == 0x2E {
                i += 1
                if afterIndex { goodArgNum = false }
                (argNum, i, afterIndex) = argNumber(argNum, format, i, a.count)
                if i < end && format[i] == 0x2A {
                    i += 1
                    (prec, f.precPresent, argNum) = GoPrinter.intFromArg(a, argNum)
                    if prec < 0 {
                        prec = 0
                        f.precPresent = false
                    }
                    if !f.precPresent { write("%!(BADPREC)") }
                    afterIndex = false
                } else {
                    (prec, f.precPresent, i) = GoPrinter.parsenum(format, i, end)
                    if !f.precPresent {
                        prec = 0
                        f.precPresent = true
                    }
                }
            }
            if !afterIndex {
                (argNum, i, afterIndex) = argNumber(argNum, format, i, a.count)
            }
            if i >= end {
                write("%!(NOVERB)")
                break
            }
            let (verb, size) = GoQuote.decodeRune(format, i)
            i += size
            if verb == 0x25 {
                writeByte(0x25)
            } else if !goodArgNum {
                write("%!")
                writeRune(verb)
                write("(BADINDEX)")
            } else if argNum >= a.count {
                write("%!")
                writeRune(verb)
                write("(MISSING)")
            } else {
                if verb == 0x76 {
                    f.sharpV = f.sharp
                    f.sharp = false
                    f.plusV = f.plus
                    f.plus = false
                }
                printArg(a[argNum], verb: verb)
                argNum += 1
            }
        }
        if !reordered && argNum < a.count {
            clearFlags()
            write("%!(EXTRA ")
            for (k, extra) in a[argNum...].enumerated() {
                if k > 0 { write(", ") }
                if case .null = extra {
                    write("<nil>")
                } else {
                    write(extra.goTypeName)
                    writeByte(0x3D)
                    printArg(extra, verb: 0x76)
                }
            }
            writeByte(0x29)
        }
    }
}
