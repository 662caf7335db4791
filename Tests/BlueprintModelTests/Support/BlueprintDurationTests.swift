import BlueprintModel
import Testing

/// The one duration grammar against Go's `time.ParseDuration`: the cases are
/// Go's own table (src/time/time_test.go, parseDurationTests and
/// parseDurationErrorTests), plus our days and weeks.
@Suite struct BlueprintDurationTests {
    static let second: Int64 = 1_000_000_000
    static let minute = 60 * second
    static let hour = 60 * minute

    static let goAccepts: [(String, Int64)] = [
        ("0", 0), ("5s", 5 * second), ("30s", 30 * second), ("1478s", 1478 * second),
        ("-5s", -5 * second), ("+5s", 5 * second), ("-0", 0), ("+0", 0),
        ("5.0s", 5 * second), ("5.6s", 5 * second + 600_000_000), ("5.s", 5 * second), (".5s", 500_000_000),
        ("1.0s", second), ("1.00s", second), ("1.004s", second + 4_000_000), ("1.0040s", second + 4_000_000),
        ("100.00100s", 100 * second + 1_000_000),
        ("10ns", 10), ("11us", 11_000), ("12µs", 12_000), ("12μs", 12_000), ("13ms", 13_000_000),
        ("14s", 14 * second), ("15m", 15 * minute), ("16h", 16 * hour),
        ("3h30m", 3 * hour + 30 * minute), ("10.5s4m", 4 * minute + 10 * second + 500_000_000),
        ("-2m3.4s", -(2 * minute + 3 * second + 400_000_000)),
        ("1h2m3s4ms5us6ns", hour + 2 * minute + 3 * second + 4_000_000 + 5_000 + 6),
        ("39h9m14.425s", 39 * hour + 9 * minute + 14 * second + 425_000_000),
        ("52763797000ns", 52_763_797_000),
        ("0.3333333333333333333h", 20 * minute),
        ("9007199254740993ns", (1 << 53) + 1),
        ("9223372036854775807ns", .max), ("9223372036854775.807us", .max), ("9223372036s854ms775us807ns", .max),
        ("-9223372036854775808ns", .min), ("-9223372036854775.808us", .min), ("-9223372036s854ms775us808ns", .min),
        ("-2562047h47m16.854775808s", .min),
        ("0.100000000000000000000h", 6 * minute),
        ("0.830103483285477580700h", 49 * minute + 48 * second + 372_539_827),
        // The examples the issue names.
        ("1h30m", 90 * minute), ("1.5h", 90 * minute), ("300ms", 300_000_000), ("-1.5h", -90 * minute),
        ("1h2m3.5s", hour + 2 * minute + 3 * second + 500_000_000),
    ]

    @Test(arguments: goAccepts)
    func acceptsWhatGoAccepts(_ text: String, _ nanoseconds: Int64) throws {
        #expect(try BlueprintDuration.parse(text, units: .go).nanoseconds == nanoseconds)
        #expect(try BlueprintDuration.parse(text).nanoseconds == nanoseconds, "our fields accept Go's grammar too")
    }

    static let goRefuses: [String] = [
        "", "3", "-", "s", ".", "-.", ".s", "+.s", "1d", "\u{85}\u{85}", "hello world",
        "9223372036854775810ns", "9223372036854775808ns", "-9223372036854775809ns", "9223372036854776us",
        "3000000h", "9223372036854775.808us", "9223372036854ms775us808ns",
        // No trimming, as in Go; and the old parser's malformed cases.
        " 30s", "30s ", "1e3s", "1h-2m", "7", "5x", "h",
    ]

    @Test(arguments: goRefuses)
    func refusesWhatGoRefuses(_ text: String) {
        #expect(throws: BlueprintDuration.ParseError.self) { try BlueprintDuration.parse(text, units: .go) }
    }

    @Test func errorsAreWordedAsGoWordsThem() {
        #expect(throws: BlueprintDuration.ParseError.missingUnit("30")) { try BlueprintDuration.parse("30") }
        #expect(throws: BlueprintDuration.ParseError.unknownUnit("5min", unit: "min")) { try BlueprintDuration.parse("5min") }
        #expect(throws: BlueprintDuration.ParseError.invalid("-")) { try BlueprintDuration.parse("-") }
        #expect(throws: BlueprintDuration.ParseError.empty) { try BlueprintDuration.parse("") }
    }

    static let daysAndWeeks: [(String, Int64)] = [
        ("2d", 48 * hour), ("1.5d", 36 * hour), ("2w", 14 * 24 * hour), ("1w2d3h", 9 * 24 * hour + 3 * hour), ("-1d", -24 * hour),
    ]

    @Test(arguments: daysAndWeeks)
    func ourFieldsAlsoTakeDaysAndWeeks(_ text: String, _ nanoseconds: Int64) throws {
        #expect(try BlueprintDuration.parse(text).nanoseconds == nanoseconds)
    }

    @Test func daysInAKanisterArgumentSayWhereTheyAreAccepted() {
        do {
            _ = try BlueprintDuration.parse("2d", units: .go)
            Issue.record("2d parsed in Go's grammar")
        } catch {
            #expect(error == .unknownUnit("2d", unit: "d", daysAndWeeksOnlyInOurFields: true))
            #expect(error.hint.contains("48h"))
        }
    }

    @Test(arguments: ["99999999999999d", "15251w", "106752d", "2562048h", "9223372036854775808ns"])
    func overflowIsAnInvalidDurationNotATrap(_ text: String) {
        do {
            let parsed = try BlueprintDuration.parse(text)
            Issue.record("\(text) parsed as \(parsed)")
        } catch {
            #expect(error == .outOfRange(text))
            #expect(error.description.hasPrefix("invalid duration \"\(text)\""))
        }
    }

    @Test func theLongestDurationInDaysStillParses() throws {
        // 106751d is 2562024h, below Go's maximum of 2562047h47m16.854775807s.
        #expect(try BlueprintDuration.parse("106751d").nanoseconds == 106_751 * 24 * Self.hour)
    }

    @Test func printsLikeGo() throws {
        #expect(try BlueprintDuration.parse("90m").description == "1h30m0s")
        #expect(try BlueprintDuration.parse("1500ms").description == "1.5s")
        #expect(try BlueprintDuration.parse("250ms").description == "250ms")
        #expect(try BlueprintDuration.parse("-1.5h").description == "-1h30m0s")
        #expect(BlueprintDuration(nanoseconds: .min).description == "-2562047h47m16.854775808s")
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity, 1e300, -1e300])
    func secondsThatDoNotFitSaturateInsteadOfTrapping(_ seconds: Double) {
        let duration = BlueprintDuration(seconds: seconds)
        if seconds.isNaN { #expect(duration.nanoseconds == 0) }
        else { #expect(duration.nanoseconds == (seconds > 0 ? .max : .min)) }
    }
}
