/// Reads a tar stream as it arrives (from `tar -c` in a pod, over exec), in
/// pieces of any size, with memory bounded by one header block and the
/// extended headers (at most ``maximumExtendedHeader`` bytes each): file data
/// is handed on as slices of the input, never collected.
///
/// It reads ustar, GNU (`L`/`K` long names and link targets, base-256 numbers)
/// and PAX (`x` and `g` records: path, linkpath, size, mtime, uid, gid, uname,
/// gname) as GNU tar and busybox write them. A stream that stops before the
/// two zero blocks ending an archive is *truncated*, and ``finish()`` says so:
/// an incomplete copy is never taken for a complete one.
public struct TarReader: Sendable {
    public enum Event: Sendable, Equatable {
        /// A member begins; its data (``TarHeader/size`` bytes) follows in `data` events.
        case member(TarHeader)
        case data(ArraySlice<UInt8>)
        /// The member's data is complete.
        case memberEnd
        /// The end-of-archive blocks were read.
        case end
    }

    public static let blockSize = 512
    /// Longest GNU long name or PAX header accepted (paths are at most 4 KiB on Linux).
    public static let maximumExtendedHeader = 1 << 20

    private enum State: Sendable {
        case header
        case data(remaining: Int64, padding: Int)
        case extended(flag: UInt8, remaining: Int, padding: Int)
        case skipping(remaining: Int64)
        case firstZeroBlockSeen
        case ended
    }

    private var state = State.header
    /// A header block (or a zero block) not complete yet.
    private var block: [UInt8] = []
    /// The body of a GNU long name or a PAX header being read.
    private var extendedBody: [UInt8] = []
    /// Bytes consumed so far: where the next byte sits in the archive.
    public private(set) var offset: Int64 = 0
    private var headerOffset: Int64 = 0
    private var longName: [UInt8]?
    private var longLink: [UInt8]?
    private var pax: [String: [UInt8]] = [:]
    private var globalPax: [String: [UInt8]] = [:]

    public init() {}

    /// Consumes `bytes` and returns what they completed, in order.
    public mutating func feed(_ bytes: [UInt8]) throws(TarError) -> [Event] {
        var events: [Event] = []
        var index = 0
        while index < bytes.count {
            switch state {
            case .header, .firstZeroBlockSeen, .ended:
                let take = min(Self.blockSize - block.count, bytes.count - index)
                block += bytes[index..<(index + take)]
                index += take
                offset += Int64(take)
                guard block.count == Self.blockSize else { continue }
                let header = block
                block.removeAll(keepingCapacity: true)
                headerOffset = offset - Int64(Self.blockSize)
                try handleBlock(header, events: &events)
            case .data(let remaining, let padding):
                if remaining > 0 {
                    let take = Int(min(remaining, Int64(bytes.count - index)))
                    events.append(.data(bytes[index..<(index + take)]))
                    index += take
                    offset += Int64(take)
                    state = .data(remaining: remaining - Int64(take), padding: padding)
                } else {
                    let take = min(padding, bytes.count - index)
                    index += take
                    offset += Int64(take)
                    state = padding - take > 0 ? .data(remaining: 0, padding: padding - take) : .header
                }
                if case .data(0, 0) = state { state = .header }
                if case .header = state { events.append(.memberEnd) }
            case .extended(let flag, let remaining, let padding):
                let take = min(remaining + padding, bytes.count - index)
                let bodyPart = min(take, remaining)
                extendedBody += bytes[index..<(index + bodyPart)]
                index += take
                offset += Int64(take)
                if take < remaining + padding {
                    state = .extended(flag: flag, remaining: remaining - bodyPart, padding: padding - (take - bodyPart))
                } else {
                    state = .header
                    try applyExtended(flag: flag)
                }
            case .skipping(let remaining):
                let take = Int(min(remaining, Int64(bytes.count - index)))
                index += take
                offset += Int64(take)
                state = remaining - Int64(take) > 0 ? .skipping(remaining: remaining - Int64(take)) : .header
            }
        }
        return events
    }

    /// Call at the end of the stream: throws when the archive stopped early.
    public func finish() throws(TarError) {
        switch state {
        case .ended where block.isEmpty:
            return
        case .ended, .header, .firstZeroBlockSeen:
            let during = block.isEmpty ? "before the end-of-archive blocks" : "inside a header"
            throw .truncated(offset: offset, during: during)
        case .data:
            throw .truncated(offset: offset, during: "inside the data of the member whose header is at byte \(headerOffset)")
        case .extended, .skipping:
            throw .truncated(offset: offset, during: "inside an extended header")
        }
    }

    // MARK: Headers

    private mutating func handleBlock(_ header: [UInt8], events: inout [Event]) throws(TarError) {
        let isZero = header.allSatisfy { $0 == 0 }
        switch state {
        case .ended:
            guard isZero else { throw .dataAfterEnd(offset: headerOffset) }
            return
        case .firstZeroBlockSeen:
            guard isZero else { throw .unsupported(offset: headerOffset, what: "a lone zero block inside the archive") }
            state = .ended
            events.append(.end)
            return
        default:
            if isZero {
                state = .firstZeroBlockSeen
                return
            }
        }
        let fields = HeaderFields(header, offset: headerOffset)
        try fields.verifyChecksum()
        let flag = header[156]
        let size = try fields.number(124, 12, "size")
        switch flag {
        case UInt8(ascii: "L"), UInt8(ascii: "K"), UInt8(ascii: "x"), UInt8(ascii: "g"):
            guard size >= 0, size <= Int64(Self.maximumExtendedHeader) else {
                throw .badExtendedHeader(offset: headerOffset, reason: "\(size) bytes is over the \(Self.maximumExtendedHeader)-byte limit")
            }
            extendedBody.removeAll(keepingCapacity: true)
            let body = Int(size)
            state = .extended(flag: flag, remaining: body, padding: Self.padding(Int64(body)))
            if body == 0 { state = .header; try applyExtended(flag: flag) }
            return
        case UInt8(ascii: "S"):
            throw .unsupported(offset: headerOffset, what: "a GNU sparse member (`tar --sparse`)")
        case UInt8(ascii: "V"):
            // A GNU volume label: no file, skip its data.
            state = size > 0 ? .skipping(remaining: size + Int64(Self.padding(size))) : .header
            return
        default:
            break
        }
        var member = try fields.member(flag: flag)
        member.paxRecords = globalPax.merging(pax) { _, new in new }
        try apply(member.paxRecords, to: &member)
        if let longName { member.path = longName }
        if let longLink { member.linkTarget = longLink }
        longName = nil
        longLink = nil
        pax = [:]
        if member.paxRecords.keys.contains(where: { $0.hasPrefix("GNU.sparse.") }) {
            throw .unsupported(offset: headerOffset, what: "a PAX sparse member (`tar --sparse`)")
        }
        let dataSize: Int64
        switch member.kind {
        case .file, .other: dataSize = member.size
        case .directory: dataSize = member.size  // GNU dumpdir entries carry data
        default: dataSize = 0
        }
        guard dataSize >= 0 else { throw .badNumber(offset: headerOffset, field: "size") }
        events.append(.member(member))
        if dataSize == 0 {
            events.append(.memberEnd)
            state = .header
        } else {
            state = .data(remaining: dataSize, padding: Self.padding(dataSize))
        }
    }

    private mutating func applyExtended(flag: UInt8) throws(TarError) {
        switch flag {
        case UInt8(ascii: "L"): longName = Self.trimmingNUL(extendedBody)
        case UInt8(ascii: "K"): longLink = Self.trimmingNUL(extendedBody)
        case UInt8(ascii: "x"): pax.merge(try PAXRecords.parse(extendedBody, offset: headerOffset)) { _, new in new }
        default: globalPax.merge(try PAXRecords.parse(extendedBody, offset: headerOffset)) { _, new in new }
        }
        extendedBody.removeAll(keepingCapacity: true)
    }

    private func apply(_ records: [String: [UInt8]], to member: inout TarHeader) throws(TarError) {
        func number(_ key: String) throws(TarError) -> Int64? {
            guard let value = records[key] else { return nil }
            guard let number = Int64(String(decoding: value, as: UTF8.self)) else {
                throw .badExtendedHeader(offset: headerOffset, reason: "`\(key)` is not a whole number")
            }
            return number
        }
        if let path = records["path"] { member.path = path }
        if let link = records["linkpath"] { member.linkTarget = link }
        if let size = try number("size") { member.size = size }
        if let uid = try number("uid") { member.uid = uid }
        if let gid = try number("gid") { member.gid = gid }
        if let name = records["uname"] { member.userName = String(decoding: name, as: UTF8.self) }
        if let name = records["gname"] { member.groupName = String(decoding: name, as: UTF8.self) }
        if let mtime = records["mtime"] {
            guard let seconds = Double(String(decoding: mtime, as: UTF8.self)) else {
                throw .badExtendedHeader(offset: headerOffset, reason: "`mtime` is not a number")
            }
            member.modificationTime = seconds
        }
    }

    static func padding(_ size: Int64) -> Int {
        let rest = Int(size % Int64(blockSize))
        return rest == 0 ? 0 : blockSize - rest
    }

    static func trimmingNUL(_ bytes: [UInt8]) -> [UInt8] {
        Array(bytes.prefix { $0 != 0 })
    }
}
