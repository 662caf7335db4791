import BlueprintEngine
import BlueprintModel
import Testing

@Suite struct FunctionArgumentsTests {
    let declaration = FunctionDeclaration(
        name: "F", summary: "", arguments: [
            .required("count", .int, ""), .optional("flag", .bool, default: "true", ""),
            .optional("wait", .duration, default: "30s", ""), .optional("list", .list(.string), ""),
        ])

    @Test func kanisterWeakTypingAcceptsStringsForIntsAndBools() throws {
        let arguments = FunctionArguments(["count": .string("3"), "flag": .string("false")], declaration: declaration)
        #expect(try arguments.int("count") == 3)
        #expect(try arguments.bool("flag") == false)
    }

    @Test func declaredDefaultsApplyWhenAnArgumentIsAbsent() throws {
        let arguments = FunctionArguments(["count": .int(1)], declaration: declaration)
        #expect(try arguments.bool("flag") == true)
        #expect(try arguments.duration("wait") == BlueprintDuration(seconds: 30))
        #expect(try arguments.has("list") == false)
    }

    @Test func aSingleStringIsAOneItemList() throws {
        let arguments = FunctionArguments(["list": .string("only")], declaration: declaration)
        #expect(try arguments.stringList("list") == ["only"])
    }

    @Test func wrongTypesAndMissingArgumentsAreClearErrors() {
        let arguments = FunctionArguments(["count": .string("three")], declaration: declaration)
        #expect(throws: FunctionError.invalidArgument(function: "F", argument: "count", expected: "an integer", found: "\"three\"")) {
            try arguments.int("count")
        }
        #expect(throws: FunctionError.missingArgument(function: "F", argument: "list")) {
            try arguments.stringList("list")
        }
    }
}
