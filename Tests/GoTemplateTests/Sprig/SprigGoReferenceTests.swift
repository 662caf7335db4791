import Foundation
import Testing
@testable import GoTemplate

/// Checks sprig functions against Go's own results: every case in
/// SprigGoReferenceCases.swift is a template from the conformance corpus (sprig-*
/// categories) or a probe rendered by gorender (Go + sprig v3.2.3), limited to
/// sprig calls with literal, data-field and nested-call arguments. The small
/// evaluator below converts untyped constants to the declared parameter types
/// the way Go's text/template does, so the function bodies are exercised exactly
/// as the real evaluator will call them. Run with TZ=UTC (the corpus' setting).
@Suite struct SprigGoReferenceTests {
    @Test(arguments: SprigGoReference.cases.indices)
    func matchesGo(_ index: Int) throws {
        let c = SprigGoReference.cases[index]
        let result: String
        do {
            result = try MiniTemplate(c.template).render(SprigGoReference.data)
        } catch let e as TemplateFunctionError {
            #expect(c.error == e.message, "\(c.id) \(c.template)")
            return
        }
        #expect(c.error == nil, "\(c.id) \(c.template) rendered \(result.debugDescription)")
        if c.error == nil {
            #expect(result == c.output, "\(c.id) \(c.template)")
        }
    }
}

/// Just enough of text/template to call sprig functions: text, `{{ pipeline }}`,
/// `a | f x`, `(expr).Field`, `.Data.path`, and Go literals.
struct MiniTemplate {
    enum Arg { case constInt(Int), constFloat(Double, integral: Bool), constString(String), constBool(Bool), constNil, value(Value) }

    let source: [Character]
    var pos = 0

    init(_ text: String) { source = Array(text) }

    func render(_ data: Value) throws -> String {
        var me = self
        return try me.renderAll(data)
    }

    private mutating func renderAll(_ data: Value) throws -> String {
        var out = ""
        while pos < source.count {
            if peek("{{") {
                pos += 2
                let v = try pipeline(data)
                skipSpace()
                guard peek("}}") else { throw TemplateFunctionError("parse: expected }}") }
                pos += 2
                if case .null = v { out += "<no value>" } else { out += v.goDescription }
            } else {
                out.append(source[pos]); pos += 1
            }
        }
        return out
    }

    private func peek(_ s: String) -> Bool {
        let a = Array(s)
        return pos + a.count <= source.count && Array(source[pos..<(pos + a.count)]) == a
    }

    private mutating func skipSpace() { while pos < source.count, source[pos] == " " { pos += 1 } }

    private mutating func pipeline(_ data: Value) throws -> Value {
        var v: Value? = nil
        while true {
            v = try command(data, piped: v)
            skipSpace()
            if pos < source.count, source[pos] == "|" { pos += 1; continue }
            return v!
        }
    }

    private mutating func command(_ data: Value, piped: Value?) throws -> Value {
        skipSpace()
        var words: [Arg] = []
        var name: String?
        if pos < source.count, source[pos].isLetter {
            var n = ""
            while pos < source.count, source[pos].isLetter || source[pos].isNumber || source[pos] == "_" { n.append(source[pos]); pos += 1 }
            if n == "true" || n == "false" { words.append(.constBool(n == "true")) }
            else if n == "nil" { words.append(.constNil) }
            else { name = n }
        }
        var method: TemplateFunction?
        while true {
            skipSpace()
            guard pos < source.count, !peek("}}"), source[pos] != "|", source[pos] != ")" else { break }
            let (arg, m) = try operand(data)
            if name == nil && words.isEmpty, let m { method = m; continue }
            words.append(arg)
        }
        if let piped { words.append(.value(piped)) }
        if let method { return try call(method, words) }
        guard let name else {
            guard words.count == 1 else { throw TemplateFunctionError("parse: can't give argument to non-function") }
            return try constantValue(words[0])
        }
        guard let f = FunctionMap.sprig[name] else { throw TemplateFunctionError("function \(name) not defined") }
        return try call(f, words)
    }

    private func constantValue(_ a: Arg) throws -> Value {
        switch a {
        case .constInt(let i): return .int(i)
        case .constFloat(let d, _): return .float64(d)
        case .constString(let s): return .string(s)
        case .constBool(let b): return .bool(b)
        case .constNil: return .null
        case .value(let v): return v
        }
    }

    /// Go's argument conversion for a parameter of type `t`.
    private func convert(_ a: Arg, to t: ParameterType) throws -> Value {
        func wrong() -> TemplateFunctionError { TemplateFunctionError("conversion: wrong type for \(t.goName)") }
        switch (a, t) {
        case (.constNil, .any): return .null
        case (.constNil, _): throw wrong()
        case (.constInt(let i), .int): return .int(i)
        case (.constInt(let i), .int64): return .int64(Int64(i))
        case (.constInt(let i), .float64): return .float64(Double(i))
        case (.constInt(let i), .any): return .int(i)
        case (.constFloat(let d, let integral), .int) where integral: return .int(Int(d))
        case (.constFloat(let d, let integral), .int64) where integral: return .int64(Int64(d))
        case (.constFloat(let d, _), .float64), (.constFloat(let d, _), .any): return .float64(d)
        case (.constString(let s), .string), (.constString(let s), .any): return .string(s)
        case (.constBool(let b), .bool), (.constBool(let b), .any): return .bool(b)
        case (.value(let v), .any): return v
        case (.value(let v), _):
            switch (v, t) {
            case (.string, .string), (.int, .int), (.int64, .int64), (.float64, .float64), (.bool, .bool),
                 (.map, .map), (.list, .list), (.bytes, .bytes):
                return v
            case (.object(let o), .object(let name)) where o.goTypeName == name:
                return v
            default: throw wrong()
            }
        default: throw wrong()
        }
    }

    private func call(_ f: TemplateFunction, _ args: [Arg]) throws -> Value {
        let fixed = f.parameters.count
        guard args.count == fixed || (f.variadic != nil && args.count > fixed) else {
            throw TemplateFunctionError("conversion: wrong number of args for \(f.name)")
        }
        var values: [Value] = []
        for (i, a) in args.enumerated() {
            values.append(try convert(a, to: i < fixed ? f.parameters[i] : f.variadic!))
        }
        return try f.body(values)
    }

    private mutating func operand(_ data: Value) throws -> (Arg, TemplateFunction?) {
        let c = source[pos]
        var base: Value
        if c == "(" {
            pos += 1
            base = try pipeline(data)
            skipSpace()
            guard pos < source.count, source[pos] == ")" else { throw TemplateFunctionError("parse: unclosed (") }
            pos += 1
            if !(pos < source.count && source[pos] == ".") { return (.value(base), nil) }
        } else if c == "." {
            base = data
        } else if c == "\"" || c == "`" {
            return (.constString(try stringLiteral()), nil)
        } else if c == "-" || c == "+" || c.isNumber {
            return (try number(), nil)
        } else if c.isLetter {
            var n = ""
            while pos < source.count, source[pos].isLetter || source[pos].isNumber { n.append(source[pos]); pos += 1 }
            switch n {
            case "true": return (.constBool(true), nil)
            case "false": return (.constBool(false), nil)
            case "nil": return (.constNil, nil)
            default: throw TemplateFunctionError("parse: function \(n) as argument")
            }
        } else {
            throw TemplateFunctionError("parse: unexpected \(c)")
        }
        while pos < source.count, source[pos] == "." {
            pos += 1
            var field = ""
            while pos < source.count, source[pos].isLetter || source[pos].isNumber || source[pos] == "_" { field.append(source[pos]); pos += 1 }
            if field.isEmpty { break }
            switch base {
            case .map(let m):
                guard let v = m[field] else { throw TemplateFunctionError("missingkey: \(field)") }
                base = v
            case .object(let o):
                switch o.member(field) {
                case .field(let v)?: base = v
                case .method(let f)?:
                    if f.parameters.isEmpty && f.variadic == nil { base = try f.body([]) } else { return (.value(.null), f) }
                case nil: throw TemplateFunctionError("can't evaluate field \(field)")
                }
            default: throw TemplateFunctionError("can't evaluate field \(field)")
            }
        }
        return (.value(base), nil)
    }

    private mutating func number() throws -> Arg {
        var text = ""
        while pos < source.count, source[pos].isNumber || "+-.eExXabcdefABCDEF_".contains(source[pos]) {
            text.append(source[pos]); pos += 1
        }
        if let i = Int(text) { return .constInt(i) }
        guard let d = Double(text) else { throw TemplateFunctionError("parse: bad number \(text)") }
        return .constFloat(d, integral: d == d.rounded() && abs(d) < 9.2e18)
    }

    private mutating func stringLiteral() throws -> String {
        let quote = source[pos]
        pos += 1
        var out = String.UnicodeScalarView()
        while pos < source.count, source[pos] != quote {
            if quote == "\"" && source[pos] == "\\" {
                pos += 1
                let e = source[pos]
                pos += 1
                switch e {
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "r": out.append("\r")
                case "b": out.append("\u{08}")
                case "f": out.append("\u{0C}")
                case "\\": out.append("\\")
                case "\"": out.append("\"")
                case "x", "u":
                    let n = e == "x" ? 2 : 4
                    let hex = String(source[pos..<(pos + n)])
                    pos += n
                    out.append(Unicode.Scalar(UInt32(hex, radix: 16)!)!)
                default: throw TemplateFunctionError("parse: bad escape \\\(e)")
                }
            } else {
                out.append(contentsOf: source[pos].unicodeScalars)
                pos += 1
            }
        }
        pos += 1
        return String(out)
    }
}
