/// The structure a template's data is known to have, for checking field references
/// before rendering (a typo such as `.Deploymnt.Name` is then reported when the
/// blueprint is validated, not when the phase that uses it runs).
public indirect enum Shape: Sendable, Equatable {
    /// Content not known in advance (`.Object`, `.Options`, a phase's `.Output`):
    /// every field reference below it is accepted.
    case any
    /// A string, number or boolean: it has no fields.
    case scalar
    /// A list whose elements have the given shape.
    case list(Shape)
    /// A map with exactly these keys.
    case map([String: Shape])
    /// A map with keys not known in advance whose values have the given shape
    /// (`.ConfigMaps`, `.Secrets`, `PersistentVolumeClaims`).
    case dictionary(Shape)

    /// The shape of a sample value: maps become closed `.map`s, lists take the shape of
    /// their first element (`.any` when empty), `.null` is `.any`.
    public init(of value: Value) {
        switch value {
        case .null: self = .any
        case .map(let m): self = .map(m.mapValues { Shape(of: $0) })
        case .list(let items, _): self = .list(items.first.map { Shape(of: $0) } ?? .any)
        case .object: self = .any
        default: self = .scalar
        }
    }
}

/// A field reference that cannot resolve against the data's ``Shape``.
public struct TemplateDiagnostic: Sendable, Equatable, CustomStringConvertible {
    /// The reference as written, e.g. `.Deploymnt.Name` or `$.Phases.x.Output`.
    public let reference: String
    /// The field that does not exist, e.g. `Deploymnt`.
    public let field: String
    /// What is wrong, in words.
    public let message: String
    /// A known field with a similar name, if any.
    public let suggestion: String?
    /// 1-based line and column (bytes) of the reference in the template text.
    public let line: Int
    public let column: Int

    public var description: String {
        var s = "\(line):\(column): \(message)"
        if let suggestion { s += " (did you mean \"\(suggestion)\"?)" }
        return s
    }
}
