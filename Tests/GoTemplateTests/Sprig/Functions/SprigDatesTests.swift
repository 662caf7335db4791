import Foundation
import Testing
@testable import GoTemplate

/// Dates as Go renders them with TZ=UTC (the corpus' setting); other zones are named.
@Suite(.enabled(if: GoLocation.localIsUTC, "run with TZ=UTC, as the corpus was rendered"))
struct SprigDatesTests {
    func parsed() throws -> Value { try sprig("toDate", .string("2006-01-02T15:04:05Z07:00"), .string(Corpus.time)) }

    @Test func toDateAndFormat() throws {
        #expect(try printed("date", .string("2006-01-02"), try parsed()) == "2026-01-02")
        #expect(try printed("date", .string("2006-01-02T15-04-05"), try parsed()) == "2026-01-02T03-04-05")
        #expect(try printed("unixEpoch", try parsed()) == "1767323045")
        #expect(try parsed().goDescription == "2026-01-02 03:04:05 +0000 UTC")
        let march = try sprig("toDate", .string("2006-01-02"), .string("2026-03-04"))
        #expect(try printed("date", .string("Mon Jan 2 15:04:05 2006"), march) == "Wed Mar 4 00:00:00 2026")
        #expect(try printed("htmlDate", try sprig("toDate", .string("2006-01-02"), .string("2026-12-25"))) == "2026-12-25")
        #expect(try printed("date", .string("2006"), .int(0)) == "1970")
        #expect(try printed("date", .string("2006-01-02"), .int(1_767_323_045)) == "2026-01-02")
    }

    @Test func layoutElements() throws {
        let t = try sprig("toDate", .string("2006-01-02T15:04:05.999999999Z07:00"), .string("2026-07-09T13:05:06.120+02:00"))
        #expect(try printed("date_in_zone", .string("Monday January _2 3:04:05.000 PM -07:00 MST"), t, .string("UTC"))
            == "Thursday July  9 11:05:06.120 AM +00:00 UTC")
        #expect(try printed("dateInZone", .string("06 01 02 .999 Z0700 002"), t, .string("UTC")) == "26 07 09 .12 Z 190")
        #expect(t.goDescription == "2026-07-09 13:05:06.12 +0200 +0200")
    }

    @Test func zones() throws {
        #expect(try printed("dateInZone", .string("2006-01-02 15:04 MST"), try parsed(), .string("UTC")) == "2026-01-02 03:04 UTC")
        #expect(try printed("dateInZone", .string("15:04 -0700"), try parsed(), .string("Asia/Tokyo")) == "12:04 +0900")
        #expect(try printed("dateInZone", .string("15:04 MST"), try parsed(), .string("Asia/Tokyo")) == "12:04 JST")
        #expect(try printed("dateInZone", .string("15:04 MST"), try parsed(), .string("No/Such_Zone")) == "03:04 UTC")
        #expect(try printed("htmlDateInZone", try sprig("toDate", .string("2006-01-02"), .string("2026-12-25")), .string("Asia/Tokyo")) == "2026-12-25")
    }

    @Test func modifyAndDurations() throws {
        #expect(try printed("date", .string("15:04"), try sprig("dateModify", .string("-1.5h"), try parsed())) == "01:34")
        #expect(try printed("date", .string("15:04"), try sprig("dateModify", .string("bogus"), try parsed())) == "03:04")
        #expect(try printed("date", .string("15:04"), try sprig("mustDateModify", .string("1h"), try parsed())) == "04:04")
        #expect(failure("mustDateModify", .string("bogus"), try parsed()) == #"time: invalid duration "bogus""#)
        #expect(try printed("duration", .int(3661)) == "0s")
        #expect(try printed("duration", .string("95")) == "1m35s")
        #expect(try printed("duration", .int64(7200)) == "2h0m0s")
        #expect(try printed("durationRound", .string("2h10m5s")) == "2h")
        #expect(try printed("durationRound", .int(400_000)) == "0s")
        #expect(GoDuration.format(1_500_000) == "1.5ms")
        #expect(GoDuration.format(-90_000_000_000) == "-1m30s")
    }

    @Test func parseErrors() throws {
        #expect(failure("mustToDate", .string("2006-01-02"), .string("bad")) == #"parsing time "bad" as "2006-01-02": cannot parse "bad" as "2006""#)
        #expect(try sprig("toDate", .string("2006-01-02"), .string("bad")).goDescription == "0001-01-01 00:00:00 +0000 UTC")
    }

    @Test func timeMethods() throws {
        guard case .object(let t) = try sprig("toDate", .string("2006-01-02"), .string("2026-01-02")) else {
            Issue.record("toDate did not return a time")
            return
        }
        func call(_ name: String, _ args: [Value] = []) throws -> String {
            guard case .method(let m)? = t.member(name) else { throw TemplateFunctionError("no method \(name)") }
            return try m.body(args).goDescription
        }
        #expect(try call("Weekday") == "Friday")
        #expect(try call("Month") == "January")
        #expect(try call("Year") == "2026")
        #expect(try call("YearDay") == "2")
        #expect(try call("Unix") == "1767312000")
        #expect(try call("Format", [.string("Jan 2, 2006")]) == "Jan 2, 2026")
        #expect(t.goTypeName == "time.Time")
    }
}

@Suite struct SprigRelativeTimeTests {
    @Test func agoRoundsToSeconds() throws {
        let now = try sprig("now")
        #expect(try printed("ago", now) == "0s")
        let hourAgo = try sprig("dateModify", .string("-1h"), now)
        #expect(try printed("ago", hourAgo) == "1h0m0s")
        #expect(try printed("durationRound", hourAgo) == "1h")
    }

    @Test func nowIsATimeInTheLocalZone() throws {
        let now = try sprig("now")
        #expect(now.goTypeName == "time.Time")
        let year = Int(try printed("date", .string("2006"), now))!
        #expect(year >= 2025)
    }
}

@Suite struct GoDurationOverflowTests {
    /// Two terms of 2^63 ns each used to wrap the running total and trap; Go
    /// reports an invalid duration, which sprig's `durationRound` ignores (`d, _ =
    /// time.ParseDuration(…)`), printing "0s".
    @Test func termsThatOverflowTogetherAreAnInvalidDurationNotATrap() throws {
        #expect(throws: (any Error).self) { try GoDuration.parse("9223372036854775808ns9223372036854775808ns") }
        #expect(throws: (any Error).self) { try GoDuration.parse("9223372036854775807ns1.9h") }
        #expect(try printed("durationRound", .string("9223372036854775808ns9223372036854775808ns")) == "0s")
        #expect(try GoDuration.parse("1h30m") == 5_400_000_000_000)
    }
}
