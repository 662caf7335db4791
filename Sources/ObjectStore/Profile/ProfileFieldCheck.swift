import Yams

/// Refuses fields a profile does not have. A decoder ignores unknown keys, so
/// `readTimout: 5s` or `skipSSLverify: true` would be dropped without a word
/// and the profile would silently behave otherwise than written.
enum ProfileFieldCheck {
    /// Known fields per mapping, by path. Kanister's Profile object fields
    /// (`apiVersion`, `kind`, `metadata`, credential `secret`,
    /// `kopiaServerSecret`) are accepted so a Profile manifest loads as is.
    static let known: [String: [String]] = [
        "": ["location", "credential", "skipSSLVerify", "connectTimeout", "readTimeout", "apiVersion", "kind", "metadata"],
        "location": ["type", "bucket", "endpoint", "prefix", "region", "path", "addressing"],
        "credential": ["type", "keyPair", "secret", "kopiaServerSecret"],
        "credential.keyPair": ["idEnv", "secretEnv", "file", "id", "secretValue", "idField", "secretField", "secret"],
        "credential.keyPair.secret": ["apiVersion", "group", "resource", "kind", "name", "namespace"],
    ]

    /// The first unknown field, as a decoding problem with its position and
    /// the closest known name.
    static func firstUnknownField(in root: Node) -> ProfileDecodingProblem? {
        check(root, path: "")
    }

    private static func check(_ node: Node, path: String) -> ProfileDecodingProblem? {
        guard case let .mapping(mapping) = node, let fields = known[path] else { return nil }
        for (key, value) in mapping {
            guard let name = key.string else { continue }
            let field = path.isEmpty ? name : "\(path).\(name)"
            guard fields.contains(name) else {
                let suggestion = closest(to: name, among: fields).map { "did you mean \($0)? " } ?? ""
                return ProfileDecodingProblem(
                    field: field, line: key.mark?.line, column: key.mark?.column, problem: "unknown field",
                    hint: "\(suggestion)known fields here: \(fields.joined(separator: ", "))")
            }
            if let problem = check(value, path: field) { return problem }
        }
        return nil
    }

    /// A known name within a small edit distance (typos, wrong case).
    static func closest(to name: String, among candidates: [String]) -> String? {
        let scored = candidates.map { ($0, distance(name.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(1, min(3, name.count / 3)) else { return nil }
        return best.0
    }

    /// Levenshtein distance; names are short.
    private static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
