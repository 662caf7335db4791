import Foundation

/// `base64.StdEncoding.DecodeString`, with Go's error offsets.
enum GoBase64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private static let decodeMap: [UInt8] = {
        var m = [UInt8](repeating: 0xFF, count: 256)
        for (i, c) in alphabet.enumerated() { m[Int(c)] = UInt8(i) }
        return m
    }()

    static func decodeStd(_ src: [UInt8]) -> Result<[UInt8], GoCorruptInput> {
        var out: [UInt8] = []
        var si = 0
        func corrupt(_ o: Int) -> Result<[UInt8], GoCorruptInput> { .failure(GoCorruptInput(offset: o, kind: "base64")) }
        let nl = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r"), pad = UInt8(ascii: "=")
        while true {
            var dbuf = [UInt8](repeating: 0, count: 4)
            var dlen = 4
            var j = 0
            var trailingError: Int?
            var finished = false
            while j < 4 {
                if si == src.count {
                    if j == 0 { return .success(out) }
                    return corrupt(si - j)
                }
                let c = src[si]
                si += 1
                let v = decodeMap[Int(c)]
                if v != 0xFF { dbuf[j] = v; j += 1; continue }
                if c == nl || c == cr { continue }
                if c != pad { return corrupt(si - 1) }
                switch j {
                case 0, 1: return corrupt(si - 1)
                case 2:
                    while si < src.count && (src[si] == nl || src[si] == cr) { si += 1 }
                    if si == src.count { return corrupt(src.count) }
                    if src[si] != pad { return corrupt(si - 1) }
                    si += 1
                default: break
                }
                while si < src.count && (src[si] == nl || src[si] == cr) { si += 1 }
                if si < src.count { trailingError = si }
                dlen = j
                finished = true
                break
            }
            let val = UInt32(dbuf[0]) << 18 | UInt32(dbuf[1]) << 12 | UInt32(dbuf[2]) << 6 | UInt32(dbuf[3])
            let bytes = [UInt8(truncatingIfNeeded: val >> 16), UInt8(truncatingIfNeeded: val >> 8), UInt8(truncatingIfNeeded: val)]
            out += bytes.prefix(dlen - 1)
            if let t = trailingError { return corrupt(t) }
            if finished { return .success(out) }
        }
    }
}
