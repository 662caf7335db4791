/// Go's `CorruptInputError`.
struct GoCorruptInput: Error {
    let offset: Int
    let kind: String
    var message: String { "illegal \(kind) data at input byte \(offset)" }
}
