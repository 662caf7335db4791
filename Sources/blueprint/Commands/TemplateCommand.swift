import ArgumentParser
import Foundation
import GoTemplate

/// `blueprint template`: render a Go template with sprig the way a blueprint field is
/// rendered, to try a template out or to compare the engine with Go in bulk.
struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Render a Go text/template (with sprig) against JSON data.",
        discussion: """
            Renders TEMPLATE (or the file given with -f) with the JSON document of --data \
            as dot, with missingkey=error, as blueprint arguments are rendered. Prints the \
            output, or the error and exits 1.

            With --batch IN.jsonl [OUT.jsonl], reads {"id","template","data"} lines (optional \
            "numbers" and "name" per line) and writes {"id","output","error","phase"} lines, \
            the contract of the conformance corpus's gorender -batch. "-" means stdin/stdout.
            """
    )

    @Option(name: .long, help: "JSON file with the template data (\"-\" for stdin).")
    var data: String?

    @Option(name: .shortAndLong, help: "Read the template from this file.")
    var file: String?

    @Option(name: .long, help: "How JSON numbers are typed: int64 (integers as int64) or float64.")
    var numbers: NumberMode = .int64

    @Option(name: .long, help: "Template name used in error messages.")
    var name: String = "config"

    @Option(name: .long, help: "Render every line of a JSONL file: IN.jsonl [OUT.jsonl].")
    var batch: String?

    @Argument(help: "The template text, or OUT.jsonl with --batch.")
    var template: String?

    enum NumberMode: String, ExpressibleByArgument {
        case int64, float64
        var jsonNumbers: Value.JSONNumbers { self == .int64 ? .int64 : .float64 }
    }

    func run() throws {
        if let batch {
            try TemplateBatch(numbers: numbers.jsonNumbers, name: name).run(input: batch, output: template ?? "-")
            return
        }
        let text: String
        if let file {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } else if let template {
            text = template
        } else {
            throw ValidationError("Give the template as an argument or with -f FILE.")
        }
        var value = Value.null
        if let data {
            let raw = data == "-" ? FileHandle.standardInput.readDataToEndOfFile()
                : try Data(contentsOf: URL(fileURLWithPath: data))
            do {
                value = try Value(jsonData: raw, numbers: numbers.jsonNumbers)
            } catch {
                StandardStreams.err("bad data: \(error)\n")
                throw ExitCode.failure
            }
        }
        do {
            let output = try Template(name: name, text: text, functions: .sprigShared).render(value)
            StandardStreams.out(output)
        } catch {
            StandardStreams.err("\(error)\n")
            throw ExitCode.failure
        }
    }
}

/// The `--batch` mode: one JSON object per line in, one result per line out.
struct TemplateBatch {
    let numbers: Value.JSONNumbers
    let name: String

    func run(input: String, output: String) throws {
        let raw = input == "-" ? FileHandle.standardInput.readDataToEndOfFile()
            : try Data(contentsOf: URL(fileURLWithPath: input))
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        let sink: Int32
        if output == "-" {
            sink = STDOUT_FILENO
        } else {
            sink = open(output, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard sink >= 0 else {
                throw ValidationError("cannot write \(output): \(String(cString: strerror(errno)))")
            }
        }
        var lineNumber = 0
        raw.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            let bytes = buffer.bindMemory(to: UInt8.self)
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count && bytes[end] != 0x0A { end += 1 }
                lineNumber += 1
                let line = Data(bytes: bytes.baseAddress! + start, count: end - start)
                start = end + 1
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                renderLine(line, number: lineNumber, into: &out)
                if out.count > 1 << 20 {
                    StandardStreams.write(Data(out), to: sink)
                    out.removeAll(keepingCapacity: true)
                }
            }
        }
        StandardStreams.write(Data(out), to: sink)
        if output != "-" { close(sink) }
    }

    private func renderLine(_ line: Data, number: Int, into out: inout [UInt8]) {
        let object: [String: Value]
        do {
            guard case .map(let m) = try Value(jsonData: line, numbers: .int64) else {
                writeResult(id: nil, output: nil, error: "bad input line \(number): not a JSON object", phase: "data",
                            into: &out)
                return
            }
            object = m
        } catch {
            writeResult(id: nil, output: nil, error: "bad input line \(number): \(error)", phase: "data", into: &out)
            return
        }
        let id = object["id"]
        guard case .string(let text)? = object["template"] else {
            writeResult(id: id, output: nil, error: "input line \(number) has no \"template\"", phase: "data", into: &out)
            return
        }
        var data = object["data"] ?? .null
        var mode = numbers
        if case .string(let m)? = object["numbers"], let requested = Value.JSONNumbers(rawValue: m) { mode = requested }
        if mode == .float64 { data = TemplateBatch.floatNumbers(data) }
        var templateName = name
        if case .string(let n)? = object["name"], !n.isEmpty { templateName = n }
        let template: Template
        do {
            template = try Template(name: templateName, text: text, functions: .sprigShared)
        } catch {
            writeResult(id: id, output: nil, error: "\(error)", phase: "parse", partial: "", into: &out)
            return
        }
        let result = template.execute(data)
        if let error = result.error {
            writeResult(id: id, output: nil, error: error.message, phase: "exec", partial: result.output, into: &out)
        } else {
            writeResult(id: id, output: result.output, error: nil, phase: "", into: &out)
        }
    }

    /// Integers decoded as int64 become float64, as `encoding/json` types every number.
    static func floatNumbers(_ v: Value) -> Value {
        switch v {
        case .int64(let i): return .float64(Double(i))
        case .list(let items, let t): return .list(items.map(floatNumbers), elementType: t)
        case .map(let m): return .map(m.mapValues(floatNumbers))
        default: return v
        }
    }

    private func writeResult(
        id: Value?, output: String?, error: String?, phase: String, partial: String? = nil, into out: inout [UInt8]
    ) {
        out.append(0x7B)
        if let id {
            out.append(contentsOf: "\"id\":".utf8)
            JSONWriter.write(id, into: &out)
            out.append(0x2C)
        }
        out.append(contentsOf: "\"output\":".utf8)
        if let output { JSONWriter.writeString(output, into: &out) } else { out.append(contentsOf: "null".utf8) }
        out.append(contentsOf: ",\"error\":".utf8)
        if let error { JSONWriter.writeString(error, into: &out) } else { out.append(contentsOf: "null".utf8) }
        out.append(contentsOf: ",\"phase\":".utf8)
        JSONWriter.writeString(phase, into: &out)
        if let partial {
            out.append(contentsOf: ",\"partial_output\":".utf8)
            JSONWriter.writeString(partial, into: &out)
        }
        if let error, let kanister = TemplateBatch.kanisterMessage(error) {
            out.append(contentsOf: ",\"kanister_message\":".utf8)
            JSONWriter.writeString(kanister, into: &out)
        }
        out.append(contentsOf: "}\n".utf8)
    }

    /// Kanister's rewrite of missing-key errors (`pkg/param/render.go`).
    static func kanisterMessage(_ message: String) -> String? {
        let marker = "map has no entry for key "
        guard let r = message.range(of: marker, options: .backwards) else { return nil }
        var key = Substring(message[r.upperBound...])
        while key.hasPrefix("\"") { key = key.dropFirst() }
        while key.hasSuffix("\"") { key = key.dropLast() }
        return "Failed to render template: \"\(key)\" not found"
    }
}

/// JSON output as Go's `encoding/json` writes it with HTML escaping off.
enum JSONWriter {
    static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(contentsOf: GoJSON.quote(s, escapeHTML: false).utf8)
    }

    static func write(_ value: Value, into out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i): out.append(contentsOf: String(i).utf8)
        case .int64(let i): out.append(contentsOf: String(i).utf8)
        case .float64(let d): out.append(contentsOf: GoFormat.formatFloat(d, "g", -1).utf8)
        case .string(let s): writeString(s, into: &out)
        case .bytes(let b): writeString(Data(b).base64EncodedString(), into: &out)
        case .list(let items, _):
            out.append(0x5B)
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(0x2C) }
                write(item, into: &out)
            }
            out.append(0x5D)
        case .map(let m):
            out.append(0x7B)
            for (i, key) in m.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
                if i > 0 { out.append(0x2C) }
                writeString(key, into: &out)
                out.append(0x3A)
                write(m[key]!, into: &out)
            }
            out.append(0x7D)
        case .object(let o): writeString(o.goDescription, into: &out)
        }
    }
}
