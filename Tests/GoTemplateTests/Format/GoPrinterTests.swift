import Testing
@testable import GoTemplate

/// Expected strings are Go 1.26's `fmt.Sprintf` output for the same arguments.
@Suite struct GoPrinterTests {
    @Test func integerVerbsAndFlags() {
        #expect(GoFormat.sprintf("%5.1f|%-5d|%05d|%x|%o|%#o|%b|%c|%q|%U|%#U",
                                 [.float64(3.14159), .int(42), .int(-42), .int(255), .int(8), .int(8), .int(5),
                                  .int(65), .int(65), .int(9731), .int(9731)])
                == "  3.1|42   |-0042|ff|10|010|101|A|'A'|U+2603|U+2603 '☃'")
    }

    @Test func floatVerbs() {
        #expect(GoFormat.sprintf("%6.2f%%|%e|%E|%G|%.0e",
                                 [.float64(99.5), .float64(1234.5678), .float64(0.000012), .float64(1e-7), .float64(15.5)])
                == " 99.50%|1.234568e+03|1.200000E-05|1E-07|2e+01")
        #expect(GoFormat.sprintf("%v %.3g %g %e %08.3f|%-8.2e|% d|%+.2f",
                                 [.float64(1e20), .float64(1), .float64(100000), .float64(0), .float64(-3.14159),
                                  .float64(12345.678), .int(5), .float64(2)])
                == "1e+20 1 100000 0.000000e+00 -003.142|1.23e+04| 5|+2.00")
    }

    @Test func floatPercentVUsesShortestDigitsAndExponentFromSix() {
        #expect(GoFormat.sprintf("%v|%v|%v|%v|%v",
                                 [.float64(1e6), .float64(1e3), .float64(123456789), .float64(0.000001), .float64(1e-5)])
                == "1e+06|1000|1.23456789e+08|1e-06|1e-05")
        #expect(Value.float64(-0.0).goDescription == "-0")
        #expect(Value.float64(0.1).goDescription == "0.1")
        #expect(Value.float64(1e21).goDescription == "1e+21")
    }

    @Test func stringVerbs() {
        #expect(GoFormat.sprintf("%s|%10s|%-10s|%.2s|%q|%+q|%#q",
                                 [.string("héllo"), .string("ab"), .string("ab"), .string("héllo"), .string("a\"b"),
                                  .string("é"), .string("x")])
                == "héllo|        ab|ab        |hé|\"a\\\"b\"|\"\\u00e9\"|`x`")
        #expect(GoFormat.sprintf("%x|% x|%#x", [.string("hi"), .string("abc"), .string("abc")]) == "6869|61 62 63|0x616263")
    }

    @Test func badVerbsMissingAndExtraArguments() {
        #expect(GoFormat.sprintf("%t|%v|%d|%s", [.bool(true), .bool(false), .string("x"), .int(3)])
                == "true|false|%!d(string=x)|%!s(int=3)")
        #expect(GoFormat.sprintf("%!", []) == "%!!(MISSING)")
        #expect(GoFormat.sprintf("%d %d", [.int(1)]) == "1 %!d(MISSING)")
        #expect(GoFormat.sprintf("%d", [.int(1), .int(2)]) == "1%!(EXTRA int=2)")
        #expect(GoFormat.sprintf("%[3]d", [.int(1)]) == "%!d(BADINDEX)")
        #expect(GoFormat.sprintf("%s", [.null]) == "%!s(<nil>)")
        #expect(GoFormat.sprintf("%05.2f", [.int64(7)]) == "%!f(int64=   07)")
    }

    @Test func argumentIndexesAndStarWidths() {
        #expect(GoFormat.sprintf("%[2]d %[1]d %d", [.int(1), .int(2)]) == "2 1 2")
        #expect(GoFormat.sprintf("%*d|%-*d|%.*f", [.int(5), .int(1), .int(4), .int(2), .int(2), .float64(3.14159)])
                == "    1|2   |3.14")
    }

    @Test func compositeValues() {
        let m: Value = .map(["a": .int64(1), "b": .list([.int64(1), .string("x"), .null])])
        let l: Value = .list([.string("a"), .float64(2.5)])
        #expect(GoFormat.sprintf("%#v %#v %#v", [m, l, .float64(1.5)])
                == "map[string]interface {}{\"a\":1, \"b\":[]interface {}{1, \"x\", interface {}(nil)}} []interface {}{\"a\", 2.5} 1.5")
        #expect(m.goDescription == "map[a:1 b:[1 x <nil>]]")
        #expect(GoFormat.sprintf("%s", [.map(["g": .int64(3)])]) == "map[g:%!s(int64=3)]")
        #expect(GoFormat.sprintf("%T %T %T", [m, l, .list([], elementType: "string")])
                == "map[string]interface {} []interface {} []string")
    }

    @Test func sprintSpacesOnlyBetweenNonStrings() {
        #expect(GoFormat.sprint([.string("a"), .int(1), .string("b")]) == "a1b")
        #expect(GoFormat.sprint([.int(1), .string("a"), .int(2)]) == "1a2")
        #expect(GoFormat.sprint([.int(1), .int(2)]) == "1 2")
        #expect(GoFormat.sprintln([.string("a"), .string("b")]) == "a b\n")
    }

    @Test func quoteEscapesLikeStrconv() {
        #expect(GoFormat.quote("tab\there \u{7f} é ✓ \u{00a0}") == "\"tab\\there \\x7f é ✓ \\u00a0\"")
    }
}
