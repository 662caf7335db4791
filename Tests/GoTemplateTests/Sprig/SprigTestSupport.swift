@testable import GoTemplate

/// Calls a sprig function with arguments already converted as the evaluator would.
func sprig(_ name: String, _ args: Value...) throws -> Value {
    guard let f = FunctionMap.sprig[name] else { throw TemplateFunctionError("function \(name) not defined") }
    return try f.body(args)
}

/// What `{{ … }}` prints for the result (`%v`).
func printed(_ name: String, _ args: Value...) throws -> String {
    guard let f = FunctionMap.sprig[name] else { throw TemplateFunctionError("function \(name) not defined") }
    return try f.body(args).goDescription
}

/// The error message a call fails with, nil when it succeeds.
func failure(_ name: String, _ args: Value...) -> String? {
    do {
        _ = try FunctionMap.sprig[name]!.body(args)
        return nil
    } catch {
        return "\(error)"
    }
}

/// The corpus data shapes (JSON integers as int64, as Kanister decodes them).
enum Corpus {
    static let strs = Value.list(["b", "a", "c", "a"].map { .string($0) })
    static let ints = Value.list([3, 1, 2].map { .int64($0) })
    static let dups = Value.list([1, 1, 2, 3, 3, 3].map { .int64($0) })
    static let mixed = Value.list([.int64(1), .string("two"), .float64(3.5), .bool(true), .null])
    static let empty = Value.list([])
    static let labels = Value.map(["app": .string("mysql"), "tier": .string("backend"), "app.kubernetes.io/name": .string("mysql-server")])
    static let options = Value.map([
        "backupName": .string("nightly"), "retention": .string("7"), "compress": .string("true"),
        "empty": .string(""), "databases": .string("inventory,orders,users"), "threads": .string("4"),
    ])
    static let location = Value.map([
        "Type": .string("s3Compliant"), "Bucket": .string("kanister-backups"), "Endpoint": .string("http://127.0.0.1:9000"),
        "Prefix": .string("mysql/backups/"), "Region": .string("us-east-1"),
    ])
    static let time = "2026-01-02T03:04:05Z"
}
