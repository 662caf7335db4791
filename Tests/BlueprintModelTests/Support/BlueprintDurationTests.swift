import BlueprintModel
import Testing

@Suite struct BlueprintDurationTests {
    @Test(arguments: [
        ("30s", 30.0), ("5m", 300.0), ("1h30m", 5400.0), ("1.5h", 5400.0), ("250ms", 0.25), ("2d", 172_800.0), ("0", 0.0),
    ])
    func parsesGoStyleDurations(_ text: String, _ seconds: Double) throws {
        #expect(try BlueprintDuration.parse(text).seconds == seconds)
    }

    @Test func bareNumberIsAnErrorNotADefault() {
        #expect(throws: BlueprintDuration.ParseError.missingUnit("30")) { try BlueprintDuration.parse("30") }
    }

    @Test func unknownUnitIsNamed() {
        #expect(throws: BlueprintDuration.ParseError.unknownUnit("5min", unit: "min")) { try BlueprintDuration.parse("5min") }
    }

    @Test func printsLikeGo() throws {
        #expect(try BlueprintDuration.parse("90m").description == "1h30m0s")
        #expect(try BlueprintDuration.parse("1500ms").description == "1.5s")
        #expect(try BlueprintDuration.parse("250ms").description == "250ms")
    }
}
