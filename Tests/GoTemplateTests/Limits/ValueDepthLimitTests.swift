import Testing
@testable import GoTemplate

/// Values nest at most `TemplateLimits.maxValueDepth` deep, whatever builds them; past
/// that the render fails with a limitExceeded error at the action, never a crash.
@Suite struct ValueDepthLimitTests {
    static let limit = TemplateLimits.maxValueDepth

    @Test func listNestedInALoopStopsAtTheLimitWithAnErrorAtTheAction() throws {
        let text = "{{ $x := list }}\n{{ range until 100000 }}{{ $x = list $x }}{{ end }}{{ len $x }}"
        let error = try #require(renderResult(text).error)
        #expect(error.kind == .limitExceeded)
        #expect(error.limit == .valueDepth)
        #expect(error.line == 2)
        #expect(error.column == 33)
        #expect(error.message.contains("error calling list"))
        #expect(error.message.contains("more than \(Self.limit) deep (TemplateLimits.maxValueDepth)"))
    }

    @Test func aValueExactlyAtTheLimitIsPrintedCopiedComparedAndEncoded() throws {
        // `list` is depth 1; each iteration adds one level.
        let text = """
            {{ $x := list }}{{ range until \(Self.limit - 1) }}{{ $x = list $x }}{{ end }}\
            {{ $y := deepCopy $x }}{{ len (toJson $y) }} {{ len (printf "%v" $x) }} {{ deepEqual $x $y }}
            """
        #expect(renderResult(text).output == "\(2 * Self.limit) \(2 * Self.limit) true")
        let oneMore = text.replacingOccurrences(of: "until \(Self.limit - 1)", with: "until \(Self.limit)")
        #expect(renderResult(oneMore).error?.limit == .valueDepth)
    }

    @Test func dictsSetAndAppendCannotNestPastTheLimit() throws {
        for text in [
            "{{ $d := dict }}{{ range until 5000 }}{{ $d = dict \"k\" $d }}{{ end }}",
            "{{ $d := dict }}{{ range until 5000 }}{{ $d = set (dict) \"k\" $d }}{{ end }}",
            "{{ $l := list }}{{ range until 5000 }}{{ $l = append (list) $l }}{{ end }}",
            "{{ $l := list }}{{ range until 5000 }}{{ $l = list $l | deepCopy }}{{ end }}",
        ] {
            #expect(renderResult(text).error?.limit == .valueDepth, "\(text)")
        }
    }

    @Test func fromJsonOfADocument100000DeepIsAnErrorNotACrash() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        for function in ["fromJson", "mustFromJson"] {
            let error = try #require(renderResult("{{ \(function) .s | toJson }}", data: .map(["s": .string(deep)])).error)
            #expect(error.limit == .valueDepth)
            #expect(error.message.contains("the JSON document nests"))
        }
    }

    @Test func decodingData100000DeepIsAnErrorNotACrash() {
        let deep = String(repeating: "{\"a\":", count: 100_000) + "1" + String(repeating: "}", count: 100_000)
        #expect(throws: Value.JSONError.self) { try Value(json: deep) }
        let n = Self.limit
        let atLimit = String(repeating: "[", count: n) + String(repeating: "]", count: n)
        #expect((try? Value(json: atLimit)) != nil)
    }
}
