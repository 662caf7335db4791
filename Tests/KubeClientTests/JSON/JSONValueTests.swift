import Foundation
import Testing
@testable import KubeClient

@Suite struct JSONValueTests {
    @Test func integersStayIntegers() throws {
        let value = try JSONValue(parsing: #"{"replicas":3,"ratio":0.5,"big":9007199254740993}"#)
        #expect(value["replicas"] == .int(3))
        #expect(value["ratio"] == .double(0.5))
        #expect(value["big"]?.intValue == 9_007_199_254_740_993)
        #expect(try value.jsonString() == #"{"big":9007199254740993,"ratio":0.5,"replicas":3}"#)
    }

    @Test func pathsAndTypedAccessors() throws {
        let value = try JSONValue(parsing: #"{"metadata":{"name":"db","labels":{"app":"x"}},"spec":{"on":true,"list":[1,"a",null]}}"#)
        #expect(value.value(at: "metadata.name")?.stringValue == "db")
        #expect(value.value(at: "spec.on")?.boolValue == true)
        #expect(value.value(at: "spec.list")?[1]?.stringValue == "a")
        #expect(value.value(at: "spec.list")?[2]?.isNull == true)
        #expect(value.value(at: "spec.missing.deeper") == nil)
        let object = KubeObject(value)
        #expect(object.name == "db")
        #expect(object.labels == ["app": "x"])
    }

    @Test func settingAMemberBuildsObjects() {
        var value: JSONValue = .null
        value["a"] = "b"
        #expect(value == ["a": "b"])
    }

    @Test func stringsWithSlashesAndUnicodeRoundTrip() throws {
        let value: JSONValue = ["path": "/var/lib/é\n\"q\""]
        #expect(try JSONValue(parsing: value.jsonData()) == value)
        #expect(try value.jsonString().contains("/var/lib"))
    }

    @Test func listPageReadsItemsVersionAndContinue() throws {
        let list = KubeObjectList(json: try JSONValue(parsing: #"{"metadata":{"resourceVersion":"42","continue":"tok"},"items":[{"metadata":{"name":"a"}}]}"#))
        #expect(list.items.map(\.name) == ["a"])
        #expect(list.resourceVersion == "42")
        #expect(list.continueToken == "tok")
        let last = KubeObjectList(json: try JSONValue(parsing: #"{"metadata":{"continue":""},"items":[]}"#))
        #expect(last.continueToken == nil)
    }
}
