import Yams

/// Finds the YAML node a coding path names, for its line and column.
enum ProfileNodeLocator {
    static func node(at path: [any CodingKey], in root: Node) -> Node? {
        var current = root
        for key in path {
            switch current {
            case let .mapping(mapping):
                guard let value = mapping.first(where: { $0.key.string == key.stringValue })?.value else { return nil }
                current = value
            case let .sequence(sequence):
                guard let index = key.intValue, sequence.indices.contains(index) else { return nil }
                current = sequence[index]
            default:
                return nil
            }
        }
        return current
    }
}
