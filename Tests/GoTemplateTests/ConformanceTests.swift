import Foundation
import Testing
@testable import GoTemplate

/// Renders every case of the shared conformance corpus (expected results produced by
/// Go 1.26 + sprig v3) and compares: byte-identical output when Go succeeds, an error
/// when Go fails.
@Suite struct ConformanceTests {
    struct Case {
        let id: String
        let category: String
        let template: String
        let data: Value
        let expectOutput: String?
        let expectError: Bool
        let goErrorMessage: String?
        /// Under Kanister's function map (FIPS refusals) this case fails.
        let kanisterError: Bool
        let sprigVersionsAgree: Bool
    }

    static let corpusURL: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/template-conformance/corpus.jsonl").standardized

    /// Cases beyond the shared corpus, in its format, with results Go produced
    /// (`Conformance/make_extra_cases.py` regenerates them with gorender): sprig's
    /// `split`/`splitn` typed map and Go's case mapping.
    static let extraCorpusURL: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().appendingPathComponent("Conformance/extra-cases.jsonl")

    static func loadCorpus(_ url: URL = corpusURL) throws -> [Case] {
        let text = try String(contentsOf: url, encoding: .utf8)
        var cases: [Case] = []
        for line in text.split(separator: "\n") where !line.isEmpty {
            guard case .map(let m) = try Value(json: String(line)) else { continue }
            func string(_ key: String) -> String? {
                if case .string(let s)? = m[key] { return s }
                return nil
            }
            let numbers: Value.JSONNumbers = string("numbers") == "float64" ? .float64 : .int64
            // Re-decode the data with the case's number mode.
            let data: Value
            if numbers == .float64, let dataText = Self.rawField("data", in: String(line)) {
                data = try Value(json: dataText, numbers: .float64)
            } else {
                data = m["data"] ?? .null
            }
            func flag(_ key: String, default value: Bool) -> Bool {
                if case .bool(let b)? = m[key] { return b }
                return value
            }
            cases.append(Case(
                id: string("id") ?? "?", category: string("category") ?? "?", template: string("template") ?? "",
                data: data, expectOutput: string("expect_output"), expectError: flag("expect_error", default: false),
                goErrorMessage: string("go_error_message"), kanisterError: flag("kanister_error", default: false),
                sprigVersionsAgree: flag("sprig_v2_v3_agree", default: true)))
        }
        return cases
    }

    /// The raw JSON text of a top-level field (only used for float64-mode cases).
    static func rawField(_ name: String, in line: String) -> String? {
        guard let r = line.range(of: "\"\(name)\": ") else { return nil }
        var depth = 0
        var inString = false
        var escaped = false
        var end = r.upperBound
        for idx in line[r.upperBound...].indices {
            let c = line[idx]
            if inString {
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inString = false }
                continue
            }
            if c == "\"" { inString = true } else if c == "{" || c == "[" { depth += 1 } else if c == "}" || c == "]" {
                depth -= 1
                if depth == 0 {
                    end = line.index(after: idx)
                    break
                }
            } else if c == "," && depth == 0 {
                end = idx
                break
            }
        }
        return String(line[r.upperBound..<end])
    }

    /// Whether the template calls anything but Go's builtins (then it needs sprig).
    /// `slice` counts as sprig's: sprig's function map replaces Go's builtin `slice`.
    static func usesNonBuiltinFunction(_ template: String) -> Bool {
        var lexer = Lexer(template)
        while true {
            let t = lexer.nextItem()
            switch t.kind {
            case .eof, .error: return false
            case .identifier where Builtin(rawValue: t.value) == nil || t.value == "slice": return true
            default: continue
            }
        }
    }

    struct Outcome {
        let c: Case
        let passed: Bool
        let detail: String
    }

    static func run(_ c: Case) -> Outcome {
        let output: String
        do {
            let t = try Template(name: "config", text: c.template, functions: .sprig)
            output = try t.render(c.data)
        } catch {
            if c.expectError { return Outcome(c: c, passed: true, detail: "") }
            // The engine's map refuses what Kanister refuses under FIPS (bcrypt, htpasswd,
            // derivePassword), where Go's plain sprig v3 succeeds.
            if !c.sprigVersionsAgree && c.kanisterError && "\(error)".contains("is not allowed by kanister") {
                return Outcome(c: c, passed: true, detail: "")
            }
            return Outcome(c: c, passed: false, detail: "unexpected error: \(error)")
        }
        if c.expectError {
            return Outcome(c: c, passed: false, detail: "expected error \(c.goErrorMessage ?? ""), got \(GoFormat.quote(output))")
        }
        if output == c.expectOutput {
            return Outcome(c: c, passed: true, detail: "")
        }
        return Outcome(c: c, passed: false,
                       detail: "got \(GoFormat.quote(output)) want \(GoFormat.quote(c.expectOutput ?? ""))")
    }

    @Test func corpusMatchesGo() throws {
        setenv("TZ", "UTC", 1)
        tzset()
        let cases = try Self.loadCorpus()
        #expect(cases.count > 1000)
        var byCategory: [String: (pass: Int, total: Int)] = [:]
        var coreFailures: [Outcome] = []
        var sprigFailures: [Outcome] = []
        var corePass = 0
        var coreTotal = 0
        for c in cases {
            let outcome = Self.run(c)
            let isCore = !Self.usesNonBuiltinFunction(c.template)
            var entry = byCategory[c.category] ?? (0, 0)
            entry.total += 1
            if outcome.passed { entry.pass += 1 }
            byCategory[c.category] = entry
            if isCore {
                coreTotal += 1
                if outcome.passed { corePass += 1 } else { coreFailures.append(outcome) }
            } else if !outcome.passed {
                sprigFailures.append(outcome)
            }
        }
        print("conformance by category (all cases, sprig map as linked):")
        for (category, e) in byCategory.sorted(by: { $0.key < $1.key }) {
            print("  \(category): \(e.pass)/\(e.total)")
        }
        print("cases using only Go builtins: \(corePass)/\(coreTotal)")
        for f in coreFailures {
            print("  CORE FAIL \(f.c.id) \(GoFormat.quote(f.c.template)): \(f.detail)")
        }
        print("cases calling other functions: \(sprigFailures.count) failing")
        for f in sprigFailures.prefix(400) {
            print("  sprig-dependent fail \(f.c.id): \(f.detail.prefix(200))")
        }
        #expect(coreFailures.count == 0, "builtin-only cases differ from Go: \(coreFailures.map(\.c.id))")
        let unexpected = sprigFailures.filter { Self.knownDifferences[$0.c.id] == nil }
        #expect(unexpected.isEmpty, "sprig cases differ from Go: \(unexpected.map(\.c.id))")
    }

    @Test func extraCorpusMatchesGo() throws {
        setenv("TZ", "UTC", 1)
        tzset()
        let cases = try Self.loadCorpus(Self.extraCorpusURL)
        #expect(cases.count >= 200)
        #expect(cases.contains { $0.category == "sprig-split-typed-map" })
        #expect(cases.contains { $0.category == "sprig-case-mapping" })
        let failures = cases.map(Self.run).filter { !$0.passed }
        for f in failures {
            print("  EXTRA FAIL \(f.c.id) \(GoFormat.quote(f.c.template)): \(f.detail)")
        }
        print("extra cases: \(cases.count - failures.count)/\(cases.count)")
        #expect(failures.isEmpty, "extra cases differ from Go: \(failures.map(\.c.id))")
    }

    /// Cases that differ from Go for a reason the engine cannot remove, each named.
    static let knownDifferences: [String: String] = [
        "sprig-misc-023": "the data holds bytes that are not valid UTF-8; Swift strings cannot carry them (Go counts 6 bytes, we count the 10 bytes of their U+FFFD replacements)",
    ]
}
