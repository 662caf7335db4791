extension SourceValue {
    /// The value as `Yams.load` would give it (String, Bool, Int, Double, arrays,
    /// `[String: Any]`, nil for null), for code that took YAML through Yams
    /// directly (an `--app-file`) and should now read it through ``YAMLReader``'s
    /// limits instead.
    public var plainValue: Any? {
        switch self {
        case .null: return nil
        case .scalar(let scalar):
            switch scalar.kind {
            case .string: return scalar.text
            case .bool: return scalar.boolValue ?? scalar.text
            case .int: return Int(scalar.text.replacingOccurrences(of: "_", with: "")) ?? scalar.text
            case .float: return Double(scalar.text.replacingOccurrences(of: "_", with: "")) ?? scalar.text
            }
        case .list(let items, _): return items.map { $0.plainValue as Any }
        case .map(let entries, _):
            var map: [String: Any] = [:]
            for entry in entries { map[entry.key] = entry.value.plainValue as Any }
            return map
        }
    }
}
