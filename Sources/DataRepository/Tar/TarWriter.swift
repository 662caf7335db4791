import Foundation

/// Writes tar headers that GNU tar and busybox read: POSIX ustar, with a PAX
/// extended header (`x`) in front of a member when ustar cannot hold its
/// path, link target, size, ids or sub-second time. Names are bytes; a name
/// that is not UTF-8 is marked `hdrcharset=BINARY` so readers take it as is.
///
/// The archive's end is two zero blocks, padded to GNU tar's 10 KiB record:
/// `tar -x` reading a pipe stops at the end blocks once a whole record has
/// arrived, so a stream into a pod needs no end-of-input signal.
public enum TarWriter {
    public static let blockSize = 512
    public static let recordSize = 20 * blockSize

    /// The header blocks of one member (its PAX header first when it needs one).
    public static func header(_ member: TarHeader) -> [UInt8] {
        var records: [(String, [UInt8])] = []
        var name = member.path
        if member.kind == .directory, name.last != UInt8(ascii: "/") { name.append(UInt8(ascii: "/")) }
        let split = ustarSplit(name)
        if split == nil { records.append(("path", name)) }
        if member.linkTarget.count > 100 { records.append(("linkpath", member.linkTarget)) }
        if member.size > 0o7777_7777_777 { records.append(("size", Array(String(member.size).utf8))) }
        if member.uid > 0o7777_777 || member.uid < 0 { records.append(("uid", Array(String(member.uid).utf8))) }
        if member.gid > 0o7777_777 || member.gid < 0 { records.append(("gid", Array(String(member.gid).utf8))) }
        let time = member.modificationTime
        if time.nanoseconds != 0 || time.seconds < 0 || time.seconds > 0o7777_7777_777 {
            records.append(("mtime", Array(time.decimal.utf8)))
        }
        if member.userName.utf8.count > 31 { records.append(("uname", Array(member.userName.utf8))) }
        if member.groupName.utf8.count > 31 { records.append(("gname", Array(member.groupName.utf8))) }
        if records.contains(where: { String(validating: $0.1, as: UTF8.self) == nil }) {
            records.insert(("hdrcharset", Array("BINARY".utf8)), at: 0)
        }

        var out: [UInt8] = []
        if !records.isEmpty {
            let body = records.flatMap(paxRecord)
            var pax = block(name: Array("PaxHeaders/".utf8) + Array(name.suffix(80)), prefix: [], kind: UInt8(ascii: "x"),
                            size: Int64(body.count), member: member)
            out += pax.finish()
            out += body + padding(Int64(body.count))
        }
        var header = block(name: split?.name ?? Array(name.suffix(100)), prefix: split?.prefix ?? [],
                           kind: typeFlag(member.kind), size: member.kind == .file ? member.size : 0, member: member)
        out += header.finish()
        return out
    }

    /// Zeros that fill a member's data up to its next block.
    public static func padding(_ size: Int64) -> [UInt8] {
        let rest = Int(size % Int64(blockSize))
        return rest == 0 ? [] : [UInt8](repeating: 0, count: blockSize - rest)
    }

    /// The two end blocks, plus zeros up to a whole record after `written` bytes.
    public static func end(after written: Int64) -> [UInt8] {
        let total = written + Int64(2 * blockSize)
        let rest = Int(total % Int64(recordSize))
        return [UInt8](repeating: 0, count: 2 * blockSize + (rest == 0 ? 0 : recordSize - rest))
    }

    // MARK: Internals

    private struct Block {
        var bytes = [UInt8](repeating: 0, count: TarWriter.blockSize)

        mutating func put(_ value: [UInt8], at offset: Int, width: Int) {
            for (index, byte) in value.prefix(width).enumerated() { bytes[offset + index] = byte }
        }

        /// An octal field, NUL-terminated; a value too wide is left to the PAX header (0 here).
        mutating func octal(_ value: Int64, at offset: Int, width: Int) {
            var digits = String(max(value, 0), radix: 8)
            if digits.count > width - 1 { digits = "0" }
            put(Array(String(repeating: "0", count: width - 1 - digits.count).utf8) + Array(digits.utf8), at: offset, width: width - 1)
        }

        mutating func finish() -> [UInt8] {
            for index in 148..<156 { bytes[index] = UInt8(ascii: " ") }
            let sum = bytes.reduce(0) { $0 + Int64($1) }
            octal(sum, at: 148, width: 7)
            bytes[155] = UInt8(ascii: " ")
            return bytes
        }
    }

    private static func block(name: [UInt8], prefix: [UInt8], kind: UInt8, size: Int64, member: TarHeader) -> Block {
        var block = Block()
        block.put(name, at: 0, width: 100)
        block.octal(Int64(member.mode & 0o7777), at: 100, width: 8)
        block.octal(member.uid, at: 108, width: 8)
        block.octal(member.gid, at: 116, width: 8)
        block.octal(size, at: 124, width: 12)
        block.octal(member.modificationTime.seconds, at: 136, width: 12)
        block.bytes[156] = kind
        block.put(member.linkTarget, at: 157, width: 100)
        block.put(Array("ustar\0".utf8), at: 257, width: 6)
        block.put(Array("00".utf8), at: 263, width: 2)
        block.put(Array(member.userName.utf8), at: 265, width: 31)
        block.put(Array(member.groupName.utf8), at: 297, width: 31)
        if member.kind == .characterDevice || member.kind == .blockDevice {
            block.octal(member.deviceMajor, at: 329, width: 8)
            block.octal(member.deviceMinor, at: 337, width: 8)
        }
        block.put(prefix, at: 345, width: 155)
        return block
    }

    /// ustar's name (≤ 100 bytes) and prefix (≤ 155), split at a slash; nil when the path does not fit.
    static func ustarSplit(_ path: [UInt8]) -> (name: [UInt8], prefix: [UInt8])? {
        if path.count <= 100 { return (path, []) }
        guard path.count <= 256 else { return nil }
        let slash = UInt8(ascii: "/")
        for index in path.indices where path[index] == slash && index <= 155 && path.count - index - 1 <= 100 && index > 0 {
            let name = Array(path[(index + 1)...])
            if !name.isEmpty { return (name, Array(path[..<index])) }
        }
        return nil
    }

    /// `"%d %s=%s\n"`, where the leading length counts itself.
    static func paxRecord(_ record: (key: String, value: [UInt8])) -> [UInt8] {
        let rest = 1 + record.key.utf8.count + 1 + record.value.count + 1
        var length = rest + String(rest).count
        if String(length).count != String(rest).count { length = rest + String(length).count }
        return Array("\(length) \(record.key)=".utf8) + record.value + [UInt8(ascii: "\n")]
    }

    static func typeFlag(_ kind: TarHeader.Kind) -> UInt8 {
        switch kind {
        case .file: return UInt8(ascii: "0")
        case .hardLink: return UInt8(ascii: "1")
        case .symbolicLink: return UInt8(ascii: "2")
        case .characterDevice: return UInt8(ascii: "3")
        case .blockDevice: return UInt8(ascii: "4")
        case .directory: return UInt8(ascii: "5")
        case .fifo: return UInt8(ascii: "6")
        case .other(let flag): return flag
        }
    }
}
