extension Array where Element == Value {
    /// A Go `[]string` result (sprig's `splitList`, `toStrings`, `keys`, `regexFindAll`, …).
    static func strings(_ items: [String]) -> Value {
        .list(items.map { .string($0) }, elementType: "string")
    }
}
