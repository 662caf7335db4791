import Testing
@testable import GoTemplate

/// Inputs that would exhaust memory or trap on overflow fail with an error instead.
@Suite struct SprigLimitsTests {
    @Test func hugeResultsAreRefused() throws {
        #expect(failure("repeat", .int(1 << 40), .string("ab")) != nil)
        #expect(failure("indent", .int(1 << 40), .string("x")) != nil)
        #expect(failure("repeat", .int(Int.max), .string("ab")) == "strings: Repeat output length overflow")
        #expect(failure("until", .int(1 << 40)) != nil)
        #expect(failure("untilStep", .int(Int.min), .int(Int.max), .int(1)) != nil)
        #expect(try printed("seq", .int(Int.max)) == "")
        #expect(failure("seq", .int(0), .int(1), .int(Int.max - 1)) != nil)
        #expect(failure("randAlpha", .int(1 << 40)) != nil)
        #expect(failure("randBytes", .int(1 << 40)) != nil)
    }

    @Test func overflowingArgumentsDoNotTrap() throws {
        #expect(failure("randInt", .int(Int.min), .int(Int.max)) == "invalid argument to Intn")
        #expect(try printed("untilStep", .int(Int.max - 1), .int(Int.max), .int(Int.max)) == "[9223372036854775806]")
        _ = try printed("date", .string("2006-01-02"), .int64(Int64.max))
        _ = try printed("date", .string("2006-01-02"), .int64(Int64.min))
        _ = try printed("mul", .int(Int.max), .int(Int.max))
        _ = try printed("trunc", .int(Int.min), .string("abc"))
        _ = try printed("wrap", .int(Int.max), .string("a b c"))
    }

    @Test func deeplyNestedJsonIsRejected() {
        let deep = String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000)
        #expect(failure("mustFromJson", .string(deep))?.contains("(TemplateLimits.maxValueDepth)") == true)
        // fromJson returns nil for bad JSON, but a document past the limit is an error.
        #expect(failure("fromJson", .string(deep))?.contains("(TemplateLimits.maxValueDepth)") == true)
    }

    @Test func jsonNestedExactlyAtTheDepthLimitDecodes() throws {
        let n = TemplateLimits.maxValueDepth
        let atLimit = String(repeating: "[", count: n) + String(repeating: "]", count: n)
        #expect(failure("mustFromJson", .string(atLimit)) == nil)
        let past = String(repeating: "[", count: n + 1) + String(repeating: "]", count: n + 1)
        #expect(failure("mustFromJson", .string(past)) != nil)
    }
}
