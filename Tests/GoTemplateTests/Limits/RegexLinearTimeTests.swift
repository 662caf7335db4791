import Testing
@testable import GoTemplate

/// Regexes run on RE2: time linear in the input, so patterns a backtracking engine
/// takes forever on finish. (A time limit only catches a hang; no timing is asserted.)
@Suite(.timeLimit(.minutes(2))) struct RegexLinearTimeTests {
    static let manyAs = String(repeating: "a", count: 100_000)

    @Test func aPlusBOver100000AsFinishesWithNoMatch() throws {
        let data = Value.map(["s": .string(Self.manyAs)])
        #expect(renderResult("{{ regexMatch \"a+b\" .s }}", data: data).output == "false")
        #expect(renderResult("{{ regexMatch \"a+$\" .s }}", data: data).output == "true")
    }

    @Test func nestedQuantifierIsNotExponential() throws {
        let data = Value.map(["s": .string(Self.manyAs + "!")])
        #expect(renderResult("{{ regexMatch \"(a+)+$\" .s }}", data: data).output == "false")
        #expect(renderResult("{{ regexFind \"(a|aa)+$\" .s }}", data: data).output == "")
        #expect(renderResult("{{ regexReplaceAll \"(a+)+b\" .s \"x\" | len }}", data: data).output == "100001")
    }

    @Test func findAllAndSplitOverLongInputs() throws {
        let data = Value.map(["s": .string(Self.manyAs)])
        #expect(renderResult("{{ regexFindAll \"a\" .s -1 | len }}", data: data).output == "100000")
        #expect(renderResult("{{ regexSplit \"a\" .s -1 | len }}", data: data).output == "100001")
        #expect(renderResult("{{ regexFindAll \"\" \"abc\" -1 | len }}", data: data).output == "4")
    }

    @Test func leftmostFirstAndGroupsAreGos() throws {
        // Perl/Go leftmost-first picks "a" in (a|ab); POSIX leftmost-longest would pick "ab".
        #expect(renderResult("{{ regexFind \"a|ab\" \"ab\" }}").output == "a")
        #expect(renderResult("{{ regexReplaceAll \"(?P<k>\\\\w+)=(\\\\w+)\" \"a=1 b=2\" \"${2}:$k\" }}").output == "1:a 2:b")
        #expect(renderResult("{{ regexReplaceAll \"(?<k>\\\\w+)=\" \"a=1\" \"[$k]\" }}").output == "[a]1")
        #expect(renderResult("{{ mustRegexMatch \"(\" \"x\" }}").error?.message.contains("missing closing )") == true)
    }
}

/// Hostile patterns are compile errors or plain results, never a crash.
@Suite struct RegexHostilePatternTests {
    @Test func deeplyNestedGroupsDoNotCrash() throws {
        let pattern = String(repeating: "(", count: 100_000) + "a" + String(repeating: ")", count: 100_000)
        let data = Value.map(["p": .string(pattern)])
        // Go refuses 1000 nested capturing groups ("expression nests too deeply").
        #expect(renderResult("{{ regexMatch .p \"a\" }}", data: data).output == "false")
        let error = try #require(renderResult("{{ mustRegexMatch .p \"a\" }}", data: data).error)
        #expect(error.message.contains("error parsing regexp: expression nests too deeply"))
        let groups = { (n: Int) in Value.map(["p": .string(String(repeating: "(", count: n) + "a" + String(repeating: ")", count: n))]) }
        #expect(renderResult("{{ mustRegexMatch .p \"a\" }}", data: groups(999)).output == "true")
        #expect(renderResult("{{ mustRegexMatch .p \"a\" }}", data: groups(1000)).error != nil)
        // Non-capturing groups collapse in Go's parse tree: 100,000 of them are fine.
        let plain = String(repeating: "(?:", count: 100_000) + "a" + String(repeating: ")", count: 100_000)
        #expect(renderResult("{{ mustRegexMatch .p \"a\" }}", data: .map(["p": .string(plain)])).output == "true")
    }
}
