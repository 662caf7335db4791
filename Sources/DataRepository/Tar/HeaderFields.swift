/// The fields of one 512-byte tar header block (POSIX ustar layout; GNU's old
/// format shares the first 345 bytes and puts its own fields after them).
struct HeaderFields {
    let block: [UInt8]
    let offset: Int64

    init(_ block: [UInt8], offset: Int64) {
        self.block = block
        self.offset = offset
    }

    var isUStar: Bool { Array(block[257..<263]) == Array("ustar\0".utf8) }
    var isGNU: Bool { Array(block[257..<265]) == Array("ustar  \0".utf8) }

    /// The checksum counts the checksum field as eight spaces; some old tars
    /// summed signed bytes, which is accepted too.
    func verifyChecksum() throws(TarError) {
        let stored = try number(148, 8, "chksum")
        var unsigned: Int64 = 0
        var signed: Int64 = 0
        for (index, byte) in block.enumerated() {
            let value = (148..<156).contains(index) ? UInt8(ascii: " ") : byte
            unsigned += Int64(value)
            signed += Int64(Int8(bitPattern: value))
        }
        guard stored == unsigned || stored == signed else {
            throw .badChecksum(offset: offset, stored: stored, computed: unsigned)
        }
    }

    /// Octal ASCII (NUL- or space-terminated), or GNU's base-256 when the first
    /// byte has its high bit set (sizes over 8 GiB, negative times).
    func number(_ start: Int, _ length: Int, _ field: String) throws(TarError) -> Int64 {
        let bytes = block[start..<(start + length)]
        if let first = bytes.first, first & 0x80 != 0 {
            // Go's archive/tar parseNumeric: two's complement, big-endian.
            let invert: UInt8 = first & 0x40 != 0 ? 0xFF : 0
            var value: UInt64 = 0
            for (position, byte) in bytes.enumerated() {
                var digit = byte ^ invert
                if position == 0 { digit &= 0x7F }
                guard value >> 56 == 0 else { throw .badNumber(offset: offset, field: field) }
                value = value << 8 | UInt64(digit)
            }
            guard value >> 63 == 0 else { throw .badNumber(offset: offset, field: field) }
            return invert == 0xFF ? ~Int64(value) : Int64(value)
        }
        var value: Int64 = 0
        var seenDigit = false
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                let (next, overflow) = value.multipliedReportingOverflow(by: 8)
                guard !overflow else { throw .badNumber(offset: offset, field: field) }
                value = next + Int64(byte - UInt8(ascii: "0"))
                seenDigit = true
            case 0, UInt8(ascii: " "):
                if seenDigit { return value }
            default:
                throw .badNumber(offset: offset, field: field)
            }
        }
        return value
    }

    /// Old GNU sparse map entries: `count` pairs of 12-byte offset and length,
    /// from `start`; an entry of zeros ends the list.
    func sparseEntries(at start: Int, count: Int) throws(TarError) -> [SparseDecoder.Segment] {
        var segments: [SparseDecoder.Segment] = []
        for index in 0..<count {
            let at = start + index * 24
            guard block[at] != 0 else { break }
            segments.append(.init(offset: try number(at, 12, "sparse offset"), length: try number(at + 12, 12, "sparse length")))
        }
        return segments
    }

    func text(_ start: Int, _ length: Int) -> [UInt8] {
        Array(block[start..<(start + length)].prefix { $0 != 0 })
    }

    func member(flag: UInt8) throws(TarError) -> TarHeader {
        var path = text(0, 100)
        if isUStar {
            let prefix = text(345, 155)
            if !prefix.isEmpty { path = prefix + [UInt8(ascii: "/")] + path }
        }
        let kind: TarHeader.Kind
        switch flag {
        case 0, UInt8(ascii: "0"), UInt8(ascii: "7"): kind = .file
        case UInt8(ascii: "1"): kind = .hardLink
        case UInt8(ascii: "2"): kind = .symbolicLink
        case UInt8(ascii: "3"): kind = .characterDevice
        case UInt8(ascii: "4"): kind = .blockDevice
        case UInt8(ascii: "5"), UInt8(ascii: "D"): kind = .directory
        case UInt8(ascii: "6"): kind = .fifo
        default: kind = .other(flag)
        }
        let devices = isUStar || isGNU
        return TarHeader(
            path: path, kind: kind, size: try number(124, 12, "size"), mode: UInt32(truncatingIfNeeded: try number(100, 8, "mode")),
            uid: try number(108, 8, "uid"), gid: try number(116, 8, "gid"),
            userName: String(decoding: text(265, 32), as: UTF8.self), groupName: String(decoding: text(297, 32), as: UTF8.self),
            modificationTime: FileTime(seconds: try number(136, 12, "mtime")), linkTarget: text(157, 100),
            deviceMajor: devices ? try number(329, 8, "devmajor") : 0, deviceMinor: devices ? try number(337, 8, "devminor") : 0)
    }
}

/// PAX extended header records: `LENGTH KEY=VALUE\n`, LENGTH counting the whole record.
enum PAXRecords {
    static func parse(_ body: [UInt8], offset: Int64) throws(TarError) -> [String: [UInt8]] {
        var records: [String: [UInt8]] = [:]
        var index = 0
        while index < body.count {
            if body[index] == 0 { break }  // NUL padding after the last record
            guard let space = body[index...].firstIndex(of: UInt8(ascii: " ")),
                  let length = Int(String(decoding: body[index..<space], as: UTF8.self)), length > space - index + 2,
                  index + length <= body.count, body[index + length - 1] == UInt8(ascii: "\n") else {
                throw .badExtendedHeader(offset: offset, reason: "a record at byte \(index) of the header is malformed")
            }
            let record = body[(space + 1)..<(index + length - 1)]
            guard let equals = record.firstIndex(of: UInt8(ascii: "=")) else {
                throw .badExtendedHeader(offset: offset, reason: "a record at byte \(index) has no `=`")
            }
            records[String(decoding: record[..<equals], as: UTF8.self)] = Array(record[(equals + 1)...])
            index += length
        }
        return records
    }
}
