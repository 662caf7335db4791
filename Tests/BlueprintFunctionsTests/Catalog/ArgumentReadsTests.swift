import BlueprintEngine
import BlueprintFunctions
import BlueprintModel
import Foundation
import Testing

/// The function contract cannot drift: what a function's code reads is what its
/// declaration says, and "implemented" is the function's type, not a flag.
@Suite struct ArgumentReadsTests {
    static let sources = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/BlueprintFunctions")

    /// Every `arguments.<reader>("name")` in the functions' sources, by file.
    static func reads() throws -> [String: Set<String>] {
        let readers = "value|has|string|optionalString|int|bool|duration|stringList|optionalStringList|stringMap|optionalStringMap"
        let pattern = try NSRegularExpression(pattern: #"arguments\.(?:\#(readers))\("([^"]+)"\)"#)
        var result: [String: Set<String>] = [:]
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            let range = NSRange(text.startIndex..., in: text)
            for match in pattern.matches(in: text, range: range) {
                let name = String(text[Range(match.range(at: 1), in: text)!])
                result[file.lastPathComponent, default: []].insert(name)
            }
        }
        return result
    }

    /// The functions declared in each file (`static let declaration = FunctionDeclaration(name: "X"`).
    static func declaredIn() throws -> [String: [String]] {
        let registry = BuiltinFunctions.registry
        var result: [String: [String]] = [:]
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for declaration in registry.declarations where text.contains("name: \"\(declaration.name)\",") {
                result[file.lastPathComponent, default: []].append(declaration.name)
            }
        }
        return result
    }

    @Test func everyArgumentAFunctionReadsIsDeclared() throws {
        let registry = BuiltinFunctions.registry
        let reads = try Self.reads()
        let declaredIn = try Self.declaredIn()
        // Guard against a scan that finds nothing and so proves nothing.
        #expect(reads.values.map(\.count).reduce(0, +) > 80)
        let everyDeclaredName = Set(registry.declarations.flatMap { $0.arguments.map(\.name) })
        for (file, names) in reads.sorted(by: { $0.key < $1.key }) {
            if let functions = declaredIn[file] {
                // The file's own function(s) must declare what the file reads.
                let declared = Set(functions.compactMap { registry.declaration(of: $0) }.flatMap { $0.arguments.map(\.name) })
                for name in names.sorted() where !declared.contains(name) {
                    Issue.record("\(file) reads `\(name)`, which \(functions.joined(separator: "/")) does not declare")
                }
            } else {
                // Shared support code: each name must be some function's argument.
                for name in names.sorted() where !everyDeclaredName.contains(name) {
                    Issue.record("\(file) reads `\(name)`, which no function declares")
                }
            }
        }
    }

    @Test func readingAnUndeclaredNameIsItsOwnError() {
        let declaration = FunctionDeclaration(name: "F", summary: "", arguments: [.required("command", .list(.string), "")])
        let arguments = FunctionArguments([:], declaration: declaration)
        #expect(throws: FunctionError.undeclaredArgument(function: "F", argument: "comand")) { try arguments.stringList("comand") }
        #expect(throws: FunctionError.missingArgument(function: "F", argument: "command")) { try arguments.stringList("command") }
        #expect(throws: FunctionError.undeclaredArgument(function: "F", argument: "x")) { try arguments.has("x") }
    }

    @Test func implementedComesFromTheFunctionsType() throws {
        let registry = BuiltinFunctions.registry
        for declaration in registry.declarations {
            let function = try #require(registry[declaration.name])
            #expect(declaration.implemented == (function is any RunnableFunction.Type), "\(declaration.name)")
        }
        // The RDS functions are declared but not built.
        #expect(registry.declaration(of: "CreateRDSSnapshot")?.implemented == false)
        #expect(throws: FunctionError.notImplemented("CreateRDSSnapshot")) { try registry.runnable("CreateRDSSnapshot") }
        #expect(registry.declaration(of: "BackupData")?.implemented == true)
        #expect(registry.declaration(of: "Exec")?.implemented == true)
    }
}
