import Foundation
import Testing
@testable import GoTemplate

@Suite struct ValueJSONTests {
    @Test func integersBecomeInt64OrFloat64ByMode() throws {
        let v = try Value(json: #"{"i":3,"f":2.5,"e":1e3,"big":18446744073709551616,"neg":-0}"#)
        guard case .map(let m) = v else { Issue.record("not a map"); return }
        #expect(m["i"]?.goTypeName == "int64")
        #expect(m["f"]?.goTypeName == "float64")
        #expect(m["e"]?.goTypeName == "float64")
        #expect(m["big"]?.goTypeName == "float64")
        #expect(m["neg"]?.goTypeName == "int64")
        let f = try Value(json: #"{"i":3}"#, numbers: .float64)
        guard case .map(let fm) = f else { Issue.record("not a map"); return }
        #expect(fm["i"]?.goTypeName == "float64")
    }

    @Test func stringsArraysAndEscapes() throws {
        let v = try Value(json: #"["a\u00e9\n", [], {}, null, true, "\ud83d\ude00"]"#)
        #expect(v.goDescription == "[aé\n [] map[] <nil> true 😀]")
    }

    @Test func emptyInputIsNullAndGarbageFails() throws {
        #expect(try Value(json: "  ").goDescription == "<nil>")
        #expect(throws: Value.JSONError.self) { try Value(json: "{bad") }
        #expect(throws: Value.JSONError.self) { try Value(json: "[1,]") }
        #expect(throws: Value.JSONError.self) { try Value(json: "1 2") }
    }
}
