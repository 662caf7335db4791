import Yams

extension JSONValue {
    /// The value as a YAML document, keys sorted (as `kubectl get -o yaml` and
    /// kanctl's `--dry-run` print objects). Strings that would read back as
    /// another type (`"true"`, `"8080"`, `""`) are quoted, so the YAML applies
    /// to the same object.
    public func yamlString() throws -> String {
        try Yams.serialize(node: node(), sortKeys: true)
    }

    private func node() throws -> Node {
        switch self {
        case .null: return Node("null", Tag(.null))
        case .bool(let b): return Node(b ? "true" : "false", Tag(.bool))
        case .int(let i): return Node(String(i), Tag(.int))
        case .double(let d): return Node(String(d), Tag(.float))
        // Yams quotes a string that would resolve to another type.
        case .string(let s): return Self.scalar(s)
        case .array(let items): return Node(try items.map { try $0.node() })
        case .object(let members):
            var pairs: [(Node, Node)] = []
            for (key, value) in members {
                pairs.append((Self.scalar(key), try value.node()))
            }
            return Node(pairs)
        }
    }

    private static func scalar(_ text: String) -> Node {
        let scalar: Node.Scalar = text.represented()
        return .scalar(scalar)
    }
}
