import Crypto

/// How a repository cuts file data into chunks: FastCDC's sizes and the gear
/// table, which is derived from the repository's key so chunk boundaries (and
/// so chunk sizes) reveal nothing about content to someone without the key.
public struct ChunkerParameters: Sendable {
    public var minimumSize: Int
    public var averageSize: Int
    public var maximumSize: Int
    let gear: [UInt64]
    /// More bits than the average asks for: cuts are rarer before the average size…
    let strictMask: UInt64
    /// …and fewer after it, so sizes gather around the average (FastCDC's normalized chunking).
    let looseMask: UInt64

    public enum ParameterError: Error, Sendable, CustomStringConvertible {
        case sizes(minimum: Int, average: Int, maximum: Int)

        public var description: String {
            switch self {
            case .sizes(let minimum, let average, let maximum):
                return "chunk sizes must satisfy 64 <= minimum < average < maximum and average a power of two; "
                    + "got minimum \(minimum), average \(average), maximum \(maximum)"
            }
        }
    }

    /// The repository default: 64 KiB / 256 KiB / 1 MiB.
    public static func standard(key: SymmetricKey) -> ChunkerParameters {
        try! ChunkerParameters(key: key, minimumSize: 64 << 10, averageSize: 256 << 10, maximumSize: 1 << 20)
    }

    public init(key: SymmetricKey, minimumSize: Int, averageSize: Int, maximumSize: Int) throws(ParameterError) {
        guard minimumSize >= 64, minimumSize < averageSize, averageSize < maximumSize,
              averageSize.nonzeroBitCount == 1 else {
            throw .sizes(minimum: minimumSize, average: averageSize, maximum: maximumSize)
        }
        self.minimumSize = minimumSize
        self.averageSize = averageSize
        self.maximumSize = maximumSize
        let bits = averageSize.trailingZeroBitCount
        strictMask = Self.spreadMask(bits: bits + 2)
        looseMask = Self.spreadMask(bits: max(bits - 2, 1))
        gear = Self.gearTable(key: key)
    }

    /// `bits` one-bits spread evenly over the hash's upper 48 bits, where the
    /// gear hash mixes the most recent bytes best.
    static func spreadMask(bits: Int) -> UInt64 {
        var mask: UInt64 = 0
        for index in 0..<bits {
            mask |= 1 << UInt64(63 - (index * 48) / bits)
        }
        return mask
    }

    /// 256 words from HMAC-SHA256(key, "gear" ‖ counter).
    static func gearTable(key: SymmetricKey) -> [UInt64] {
        var table: [UInt64] = []
        table.reserveCapacity(256)
        var counter: UInt32 = 0
        while table.count < 256 {
            var message = Array("blueprint chunker gear".utf8)
            withUnsafeBytes(of: counter.bigEndian) { message += $0 }
            let digest = Array(HMAC<SHA256>.authenticationCode(for: message, using: key))
            for word in 0..<4 where table.count < 256 {
                table.append(digest[(word * 8)..<(word * 8 + 8)].reduce(0) { $0 << 8 | UInt64($1) })
            }
            counter += 1
        }
        return table
    }
}
