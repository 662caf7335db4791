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
        /// So many zero bytes of a sparse member that the archive does not store.
        case hole(Int64)
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
        /// Old GNU sparse: more map blocks follow the header.
        case sparseExtensions(member: TarHeader, segments: [SparseDecoder.Segment], realSize: Int64, storedSize: Int64)
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
    /// The current member is sparse: its stored bytes go through this.
    private var sparse: SparseDecoder?

    public init() {}

    /// Consumes `bytes` and returns what they completed, in order.
    public mutating func feed(_ bytes: [UInt8]) throws(TarError) -> [Event] {
        var events: [Event] = []
        var index = 0
        while index < bytes.count {
            switch state {
            case .header, .firstZeroBlockSeen, .ended, .sparseExtensions:
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
                    if sparse != nil {
                        try sparse!.feed(bytes[index..<(index + take)], events: &events)
                    } else {
                        events.append(.data(bytes[index..<(index + take)]))
                    }
                    index += take
                    offset += Int64(take)
                    state = .data(remaining: remaining - Int64(take), padding: padding)
                    if remaining == Int64(take) { try endOfData(events: &events) }
                } else {
                    let take = min(padding, bytes.count - index)
                    index += take
                    offset += Int64(take)
                    state = .data(remaining: 0, padding: padding - take)
                }
                if case .data(0, 0) = state {
                    state = .header
                    events.append(.memberEnd)
                }
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
        case .extended, .skipping, .sparseExtensions:
            throw .truncated(offset: offset, during: "inside an extended header")
        }
    }

    // MARK: Headers

    private mutating func handleBlock(_ header: [UInt8], events: inout [Event]) throws(TarError) {
        if case .sparseExtensions(let member, var segments, let realSize, let storedSize) = state {
            let fields = HeaderFields(header, offset: headerOffset)
            segments += try fields.sparseEntries(at: 0, count: 21)
            if header[504] != 0 {
                state = .sparseExtensions(member: member, segments: segments, realSize: realSize, storedSize: storedSize)
            } else {
                try startData(of: member, stored: storedSize,
                              sparse: SparseDecoder(segments: segments, realSize: realSize, headerOffset: headerOffset),
                              events: &events)
            }
            return
        }
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
            // Old GNU sparse: four map entries in the header, more in extension blocks.
            var member = try fields.member(flag: UInt8(ascii: "0"))
            if let longName { member.path = longName }
            longName = nil
            longLink = nil
            pax = [:]
            let segments = try fields.sparseEntries(at: 386, count: 4)
            let realSize = try fields.number(483, 12, "realsize")
            member.size = realSize
            if header[482] != 0 {
                state = .sparseExtensions(member: member, segments: segments, realSize: realSize, storedSize: size)
            } else {
                try startData(of: member, stored: size,
                              sparse: SparseDecoder(segments: segments, realSize: realSize, headerOffset: headerOffset),
                              events: &events)
            }
            return
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
        var decoder: SparseDecoder?
        if member.paxRecords.keys.contains(where: { $0.hasPrefix("GNU.sparse.") }) {
            guard member.paxRecords["GNU.sparse.major"] == Array("1".utf8),
                  let realSize = member.paxRecords["GNU.sparse.realsize"].flatMap({ Int64(String(decoding: $0, as: UTF8.self)) })
            else {
                throw .unsupported(offset: headerOffset, what: "a PAX sparse member of format 0.x (GNU tar writes 1.0 by default)")
            }
            if let name = member.paxRecords["GNU.sparse.name"] { member.path = name }
            decoder = SparseDecoder(realSize: realSize, headerOffset: headerOffset)
            let stored = member.size
            member.size = realSize
            try startData(of: member, stored: stored, sparse: decoder, events: &events)
            return
        }
        let dataSize: Int64
        switch member.kind {
        case .file, .other, .directory: dataSize = member.size  // GNU dumpdir entries carry data
        default: dataSize = 0
        }
        try startData(of: member, stored: dataSize, sparse: nil, events: &events)
    }

    /// Emits the member and moves to its `stored` bytes of data.
    private mutating func startData(of member: TarHeader, stored: Int64, sparse: SparseDecoder?,
                                    events: inout [Event]) throws(TarError) {
        guard stored >= 0 else { throw .badNumber(offset: headerOffset, field: "size") }
        events.append(.member(member))
        self.sparse = sparse
        if stored == 0 {
            try endOfData(events: &events)
            events.append(.memberEnd)
            state = .header
        } else {
            state = .data(remaining: stored, padding: Self.padding(stored))
        }
    }

    /// The member's stored data is complete: a sparse member's last hole, and its checks.
    private mutating func endOfData(events: inout [Event]) throws(TarError) {
        if sparse != nil { try sparse!.finish(events: &events) }
        sparse = nil
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
            guard let time = FileTime(decimal: String(decoding: mtime, as: UTF8.self)) else {
                throw .badExtendedHeader(offset: headerOffset, reason: "`mtime` is not a number")
            }
            member.modificationTime = time
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
