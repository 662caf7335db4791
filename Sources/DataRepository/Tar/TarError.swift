/// Why a tar stream cannot be read. Each case says where (the byte offset of
/// the header concerned) and what to check.
public enum TarError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The stream ended inside a header, inside a member's data, or before the
    /// two zero blocks that end an archive: the copy is incomplete.
    case truncated(offset: Int64, during: String)
    case badChecksum(offset: Int64, stored: Int64, computed: Int64)
    case badNumber(offset: Int64, field: String)
    case badExtendedHeader(offset: Int64, reason: String)
    case unsupported(offset: Int64, what: String)
    /// Bytes after the end-of-archive blocks that are not zero.
    case dataAfterEnd(offset: Int64)

    public var description: String {
        switch self {
        case .truncated(let offset, let during):
            return "the tar stream ended at byte \(offset) \(during): the archive is incomplete "
                + "(the command producing it failed or its stream was cut)"
        case .badChecksum(let offset, let stored, let computed):
            return "tar header at byte \(offset) has checksum \(stored), but its bytes sum to \(computed): "
                + "the stream is corrupt or not a tar archive"
        case .badNumber(let offset, let field):
            return "tar header at byte \(offset): field `\(field)` is not a number"
        case .badExtendedHeader(let offset, let reason):
            return "extended tar header at byte \(offset): \(reason)"
        case .unsupported(let offset, let what):
            return "tar member at byte \(offset): \(what) is not supported"
        case .dataAfterEnd(let offset):
            return "non-zero bytes at \(offset), after the end of the tar archive"
        }
    }
}
