import Testing
@testable import GoTemplate

/// A render's output, loop iterations and value sizes are bounded by TemplateLimits;
/// each limit ends the render with a limitExceeded error naming it.
@Suite(.serialized) struct RenderBudgetTests {
    @Test func rangeUntil60MillionIsRefusedBeforeAllocating() throws {
        let hwmBefore = procStatusKiB("VmHWM")
        let rssBefore = procStatusKiB("VmRSS")
        let error = try #require(renderResult("{{ range until 60000000 }}{{ end }}").error)
        #expect(error.kind == .limitExceeded)
        #expect(error.limit == .valueBytes)
        #expect(error.message.contains("error calling until"))
        #expect(error.message.contains("TemplateLimits.maxValueBytes"))
        if let hwmBefore, let rssBefore, let hwmAfter = procStatusKiB("VmHWM"), let rssAfter = procStatusKiB("VmRSS") {
            // Generous: the list of 60M values would take about 3 GB.
            #expect(hwmAfter - hwmBefore < 100 * 1024)
            #expect(rssAfter - rssBefore < 100 * 1024)
        }
    }

    @Test func outputPastTheLimitIsRefusedAndOutputAtTheLimitIsNot() throws {
        var limits = TemplateLimits()
        limits.maxOutputBytes = 100
        let atLimit = renderResult("{{ range until 100 }}x{{ end }}", limits: limits)
        #expect(atLimit.output == String(repeating: "x", count: 100))
        let error = try #require(renderResult("{{ range until 101 }}x{{ end }}", limits: limits).error)
        #expect(error.limit == .outputBytes)
        #expect(error.message.contains("exceeds 100 bytes (TemplateLimits.maxOutputBytes)"))
        let printed = try #require(renderResult("{{ repeat 101 \"y\" }}", limits: limits).error)
        #expect(printed.limit == .outputBytes)
    }

    @Test func loopIterationsAreCountedAcrossLoops() throws {
        var limits = TemplateLimits()
        limits.maxIterations = 1000
        #expect(renderResult("{{ range until 500 }}{{ end }}{{ range until 500 }}{{ end }}ok", limits: limits).output == "ok")
        let error = try #require(
            renderResult("{{ range until 500 }}{{ end }}\n{{ range until 501 }}{{ end }}", limits: limits).error)
        #expect(error.limit == .iterations)
        #expect(error.line == 2)
        #expect(error.message.contains("more than 1000 iterations in this render (TemplateLimits.maxIterations)"))
        // Go 1.22's range over an integer counts too.
        #expect(renderResult("{{ range 5000 }}{{ end }}", limits: limits).error?.limit == .iterations)
    }

    @Test func everyFunctionResultIsMeasured() throws {
        var limits = TemplateLimits()
        limits.maxValueBytes = 1000
        let error = try #require(renderResult("{{ $s := repeat 2000 \"x\" }}", limits: limits).error)
        #expect(error.limit == .valueBytes)
        // A list built element by element, no size known in advance.
        let grown = "{{ $l := list }}{{ range until 200 }}{{ $l = append $l . }}{{ end }}{{ len $l }}"
        #expect(renderResult(grown, limits: limits).error?.limit == .valueBytes)
        #expect(renderResult(grown).output == "200")
    }

    @Test func functionsSeeTheLimitsOfTheirOwnRender() throws {
        var small = TemplateLimits()
        small.maxValueBytes = 1 << 10
        #expect(renderResult("{{ len (until 10000) }}", limits: small).error?.limit == .valueBytes)
        #expect(renderResult("{{ len (until 10000) }}").output == "10000")
    }
}

/// Functions whose result can dwarf their input size it before building it.
@Suite struct GrowingFunctionBudgetTests {
    @Test func replaceThatWouldExplodeIsRefusedAndOrdinaryReplaceWorks() throws {
        var limits = TemplateLimits()
        limits.maxValueBytes = 1 << 20
        let data = Value.map(["s": .string(String(repeating: "ab", count: 10_000))])
        let error = try #require(
            renderResult("{{ replace \"\" (repeat 1000 \"x\") .s | len }}", data: data, limits: limits).error)
        #expect(error.limit == .valueBytes)
        #expect(error.message.contains("strings.Replace"))
        #expect(renderResult("{{ replace \"a\" \"xyz\" .s | len }}", data: data, limits: limits).output == "40000")
    }

    @Test func indentOfManyLinesIsSizedFirst() throws {
        var limits = TemplateLimits()
        limits.maxValueBytes = 1 << 20
        let data = Value.map(["s": .string(String(repeating: "\n", count: 10_000))])
        #expect(renderResult("{{ indent 1000 .s | len }}", data: data, limits: limits).error?.limit == .valueBytes)
        #expect(renderResult("{{ indent 10 .s | len }}", data: data, limits: limits).output == "110010")
    }
}
