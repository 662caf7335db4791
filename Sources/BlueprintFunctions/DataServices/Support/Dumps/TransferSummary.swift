
/// Size and checksum of the bytes a dump produced or a restore consumed: the
/// `bytes` and `sha256` outputs.
public struct TransferSummary: Sendable, Hashable, Codable {
    public var bytes: Int64
    public var sha256: String

    public var values: [String: String] { ["bytes": String(bytes), "sha256": sha256] }
}
