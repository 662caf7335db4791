import Foundation

/// `base32.StdEncoding`.
enum GoBase32 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)
    private static let decodeMap: [UInt8] = {
        var m = [UInt8](repeating: 0xFF, count: 256)
        for (i, c) in alphabet.enumerated() { m[Int(c)] = UInt8(i) }
        return m
    }()

    static func encode(_ src: [UInt8]) -> String {
        var out: [UInt8] = []
        var i = 0
        while i < src.count {
            let chunk = Array(src[i..<min(i + 5, src.count)])
            var buf = [UInt8](repeating: 0, count: 5)
            for (k, b) in chunk.enumerated() { buf[k] = b }
            let bits = buf.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            let chars = (0..<8).map { alphabet[Int((bits >> UInt64(35 - 5 * $0)) & 0x1F)] }
            let used = [0, 2, 4, 5, 7, 8][chunk.count]
            out += chars.prefix(used) + [UInt8](repeating: UInt8(ascii: "="), count: 8 - used)
            i += 5
        }
        return GoStrings.string(out)
    }

    static func decode(_ input: [UInt8]) -> Result<[UInt8], GoCorruptInput> {
        let src = input.filter { $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\r") }
        let olen = src.count
        var rest = src[...]
        var out: [UInt8] = []
        var end = false
        func corrupt(_ o: Int) -> Result<[UInt8], GoCorruptInput> { .failure(GoCorruptInput(offset: o, kind: "base32")) }
        let pad = UInt8(ascii: "=")
        while !rest.isEmpty && !end {
            var dbuf = [UInt8](repeating: 0, count: 8)
            var dlen = 8
            var j = 0
            while j < 8 {
                if rest.isEmpty { return corrupt(olen - rest.count - j) }
                let c = rest.removeFirst()
                if c == pad && j >= 2 && rest.count < 8 {
                    if rest.count + j < 8 - 1 { return corrupt(olen) }
                    for k in 0..<(8 - 1 - j) where rest.count > k && rest[rest.startIndex + k] != pad {
                        return corrupt(olen - rest.count + k - 1)
                    }
                    dlen = j
                    end = true
                    if dlen == 1 || dlen == 3 || dlen == 6 { return corrupt(olen - rest.count - 1) }
                    break
                }
                dbuf[j] = decodeMap[Int(c)]
                if dbuf[j] == 0xFF { return corrupt(olen - rest.count - 1) }
                j += 1
            }
            let bits = dbuf.reduce(UInt64(0)) { $0 << 5 | UInt64($1) }
            let bytes = (0..<5).map { UInt8(truncatingIfNeeded: bits >> UInt64(32 - 8 * $0)) }
            let n = [0, 0, 1, 0, 2, 3, 0, 4, 5][dlen]
            out += bytes.prefix(n)
        }
        return .success(out)
    }
}
