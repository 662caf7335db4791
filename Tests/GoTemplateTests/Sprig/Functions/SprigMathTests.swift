import Testing
@testable import GoTemplate

@Suite struct SprigMathTests {
    @Test func integerArithmeticIsInt64AndWraps() throws {
        #expect(try printed("add", .int(1), .int(2), .int(3)) == "6")
        #expect(try printed("add") == "0")
        #expect(try printed("add", .int64(7), .float64(2.5)) == "9")
        #expect(try printed("add", .string("5"), .int(1)) == "6")
        #expect(try printed("add", .string("12abc"), .int(1)) == "1")
        #expect(try printed("add", .int(1), .null) == "1")
        #expect(try printed("add", .bool(true), .int(1)) == "2")
        #expect(try printed("add", .int(9_223_372_036_854_775_807), .int(1)) == "-9223372036854775808")
        #expect(try sprig("add", .int(1), .int(2)).goTypeName == "int64")
        #expect(try printed("add1", .string("4")) == "5")
        #expect(try printed("sub", .int64(7), .int64(-3)) == "10")
        #expect(try printed("mul", .int(2), .int(3), .int(4)) == "24")
        #expect(try printed("mul", .float64(2.5), .int(2)) == "4")
        #expect(try printed("mul", .int(4_294_967_296), .int(4_294_967_296)) == "0")
    }

    @Test func divisionTruncatesAndDivideByZeroFails() throws {
        #expect(try printed("div", .int(7), .int(2)) == "3")
        #expect(try printed("div", .int(-7), .int(2)) == "-3")
        #expect(try printed("div", .int(9_223_372_036_854_775_807), .int(-1)) == "-9223372036854775807")
        #expect(try printed("mod", .int(-7), .int(3)) == "-1")
        #expect(failure("div", .int(1), .int(0)) == "runtime error: integer divide by zero")
    }

    @Test func extremes() throws {
        #expect(try printed("max", .int(3), .int(9), .int(2)) == "9")
        #expect(try printed("min", .int(3), .int(9), .int(2)) == "2")
        #expect(try printed("biggest", .int(3), .int(9), .int(2)) == "9")
        #expect(try printed("max", .float64(2.5), .int(2)) == "2")
        #expect(try printed("maxf", .int(1), .float64(2.5)) == "2.5")
        #expect(try printed("minf", .int(-1), .float64(2.5)) == "-1")
    }

    @Test func decimalFloatArithmetic() throws {
        #expect(try printed("addf", .float64(1.5), .int(2)) == "3.5")
        #expect(try printed("add1f", .float64(1.5)) == "2.5")
        #expect(try printed("subf", .int(5), .float64(0.5)) == "4.5")
        #expect(try printed("mulf", .float64(1.5), .int(3)) == "4.5")
        #expect(try printed("divf", .int(1), .int(3)) == "0.3333333333333333")
        #expect(failure("divf", .int(1), .int(0)) == "decimal division by 0")
        #expect(try printed("addf", .string("42"), .string("3.75")) == "45.75")
        #expect(try sprig("addf", .int(1), .int(2)).goTypeName == "float64")
    }

    @Test func rounding() throws {
        #expect(try printed("floor", .float64(2.7)) == "2")
        #expect(try printed("ceil", .float64(2.1)) == "3")
        #expect(try printed("round", .float64(2.5), .int(0)) == "3")
        #expect(try printed("round", .float64(3.14159), .int(2)) == "3.14")
        #expect(try printed("round", .float64(-2.5), .int(0)) == "-3")
        #expect(try printed("round", .float64(2.675), .int(2)) == "2.68")
    }

    @Test func conversionsFollowCast() throws {
        #expect(try printed("int", .float64(3.9)) == "3")
        #expect(try printed("int", .string("12")) == "12")
        #expect(try printed("int", .string("12.5")) == "0")
        #expect(try printed("int", .string("12.0")) == "12")
        #expect(try printed("int", .string("0x10")) == "16")
        #expect(try printed("int", .bool(true)) == "1")
        #expect(try sprig("int", .int(1)).goTypeName == "int")
        #expect(try printed("int64", .string("-42")) == "-42")
        #expect(try printed("int64", .float64(2.5)) == "2")
        #expect(try printed("float64", .string("3.5")) == "3.5")
        #expect(try printed("float64", .int(3)) == "3")
        #expect(try printed("float64", .string("x")) == "0")
        #expect(try printed("atoi", .string("42")) == "42")
        #expect(try printed("atoi", .string("4x")) == "0")
        #expect(try printed("atoi", .string(" 7")) == "0")
        #expect(try printed("toDecimal", .string("0777")) == "511")
        #expect(try printed("randInt", .int(1), .int(2)) == "1")
    }
}
