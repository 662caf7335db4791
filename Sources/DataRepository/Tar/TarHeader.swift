/// One member of a tar archive, with the extended attributes of GNU and PAX
/// already applied (long names, long link targets, large sizes, exact times).
///
/// Names and link targets are bytes: a file system may hold names that are not
/// UTF-8, and a backup must give them back exactly.
public struct TarHeader: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case file
        case hardLink
        case symbolicLink
        case characterDevice
        case blockDevice
        case directory
        case fifo
        /// A type flag this reader passes through without interpreting.
        case other(UInt8)
    }

    public var path: [UInt8]
    public var kind: Kind
    /// Bytes of data that follow the header (0 for links and directories).
    public var size: Int64
    public var mode: UInt32
    public var uid: Int64
    public var gid: Int64
    public var userName: String
    public var groupName: String
    /// Seconds since the epoch; PAX may carry a fraction.
    public var modificationTime: FileTime
    /// The target of a symbolic or hard link.
    public var linkTarget: [UInt8]
    public var deviceMajor: Int64
    public var deviceMinor: Int64
    /// PAX records this reader does not map to a field, for callers that want them.
    public var paxRecords: [String: [UInt8]]

    /// The path as text, with bytes that are not UTF-8 shown as U+FFFD (for messages).
    public var displayPath: String { String(decoding: path, as: UTF8.self) }

    public init(path: [UInt8], kind: Kind, size: Int64 = 0, mode: UInt32 = 0o644, uid: Int64 = 0, gid: Int64 = 0,
                userName: String = "", groupName: String = "", modificationTime: FileTime = FileTime(seconds: 0), linkTarget: [UInt8] = [],
                deviceMajor: Int64 = 0, deviceMinor: Int64 = 0, paxRecords: [String: [UInt8]] = [:]) {
        self.path = path
        self.kind = kind
        self.size = size
        self.mode = mode
        self.uid = uid
        self.gid = gid
        self.userName = userName
        self.groupName = groupName
        self.modificationTime = modificationTime
        self.linkTarget = linkTarget
        self.deviceMajor = deviceMajor
        self.deviceMinor = deviceMinor
        self.paxRecords = paxRecords
    }
}
