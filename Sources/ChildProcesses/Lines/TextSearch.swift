#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension String {
    /// Whether `needle` occurs in this string, compared as UTF-8 bytes with
    /// `memchr` and `memcmp` (glibc's `memmem` is hidden behind `_GNU_SOURCE`):
    /// the check every output line gets (the phase-output marker, the redactor's
    /// secrets), so it must cost little per kilobyte in any build, unlike
    /// Foundation's bridged search.
    public func containsBytes(of needle: String) -> Bool {
        if needle.isEmpty { return true }
        return firstByteOffset(of: needle, from: 0) != nil
    }

    /// The UTF-8 byte ranges where `needle` occurs, left to right and not
    /// overlapping. UTF-8 is self-synchronising, so a match of valid UTF-8 in
    /// valid UTF-8 always starts and ends on a character boundary.
    public func byteRanges(of needle: String) -> [Range<Int>] {
        let length = needle.utf8.count
        guard length > 0 else { return [] }
        var ranges: [Range<Int>] = []
        var start = 0
        while let found = firstByteOffset(of: needle, from: start) {
            ranges.append(found..<(found + length))
            start = found + length
        }
        return ranges
    }

    /// The byte offset of the first `needle` at or after `from`, by `memchr` for
    /// its first byte and `memcmp` for the rest.
    private func firstByteOffset(of needle: String, from: Int) -> Int? {
        var haystack = self
        var needle = needle
        return haystack.withUTF8 { hay -> Int? in
            needle.withUTF8 { pin -> Int? in
                guard hay.count - from >= pin.count, let start = hay.baseAddress, let first = pin.baseAddress else { return nil }
                let last = start + (hay.count - pin.count)
                var cursor = start + from
                while cursor <= last {
                    guard let found = memchr(cursor, Int32(first.pointee), last - cursor + 1) else { return nil }
                    let candidate = found.assumingMemoryBound(to: UInt8.self)
                    if memcmp(candidate, first, pin.count) == 0 { return UnsafePointer(candidate) - start }
                    cursor = UnsafePointer(candidate) + 1
                }
                return nil
            }
        }
    }

    /// Whether any byte is an ASCII control character other than tab, or DEL, or
    /// the start of a C1 control (U+0080–U+009F, encoded C2 80–C2 9F): the cheap
    /// test before escaping text for a terminal.
    public var hasControlCharacters: Bool {
        var text = self
        return text.withUTF8 { bytes in
            var previous: UInt8 = 0
            for byte in bytes {
                if (byte < 0x20 && byte != 0x09) || byte == 0x7F { return true }
                if previous == 0xC2 && (0x80...0x9F).contains(byte) { return true }
                previous = byte
            }
            return false
        }
    }
}
