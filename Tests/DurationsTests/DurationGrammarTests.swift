import Durations
import Testing

/// The grammar's own contract: Go's categories of failure, carried without the
/// text so each caller words them. Go's full accept/refuse table runs through
/// `BlueprintDuration` (BlueprintModelTests) and templates (GoTemplateTests).
@Suite struct DurationGrammarTests {
    @Test func failuresAreGosCategories() {
        #expect(throws: DurationGrammar.Failure.empty) { try DurationGrammar.nanoseconds("", units: .go) }
        #expect(throws: DurationGrammar.Failure.missingUnit) { try DurationGrammar.nanoseconds("30", units: .go) }
        #expect(throws: DurationGrammar.Failure.invalid) { try DurationGrammar.nanoseconds(".s", units: .go) }
        #expect(throws: DurationGrammar.Failure.outOfRange) { try DurationGrammar.nanoseconds("3000000h", units: .go) }
        #expect(throws: DurationGrammar.Failure.unknownUnit("min", daysAndWeeksOnlyInOurFields: false)) {
            try DurationGrammar.nanoseconds("5min", units: .withDaysAndWeeks)
        }
    }

    @Test func daysAndWeeksAreOursAndNamedAsSuchInGoFields() throws {
        #expect(try DurationGrammar.nanoseconds("1w1d", units: .withDaysAndWeeks) == 8 * 86_400_000_000_000)
        #expect(throws: DurationGrammar.Failure.unknownUnit("d", daysAndWeeksOnlyInOurFields: true)) {
            try DurationGrammar.nanoseconds("2d", units: .go)
        }
    }

    @Test(arguments: [
        (Int64(0), "0s"), (1, "1ns"), (1_500, "1.5µs"), (250_000_000, "250ms"), (1_500_000_000, "1.5s"),
        (5_400_000_000_000, "1h30m0s"), (-5_400_000_000_000, "-1h30m0s"), (.min, "-2562047h47m16.854775808s"),
        (.max, "2562047h47m16.854775807s"),
    ])
    func goStringIsExactToTheNanosecond(_ nanoseconds: Int64, _ text: String) {
        #expect(DurationText.go(nanoseconds) == text)
    }

    @Test func messagesSayTimeoutsShortly() {
        #expect(DurationText.format(.seconds(90)) == "90s")
        #expect(DurationText.format(.milliseconds(250)) == "250ms")
        #expect(DurationText.format(.milliseconds(1_500)) == "1.5s")
    }
}
