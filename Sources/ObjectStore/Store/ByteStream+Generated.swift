import NIOCore

extension ByteStream {
    /// `total` pseudo-random bytes produced on the fly in 1 MiB chunks, never held
    /// in memory at once: for benchmarks, probes and tests of large objects. The
    /// same `seed` gives the same bytes.
    public static func generated(total: Int64, seed: UInt64 = 0x5eed, chunkSize: Int = 1 << 20) -> ByteStream {
        ByteStream {
            var state = seed | 1
            var remaining = total
            return {
                guard remaining > 0 else { return nil }
                let length = Int(Swift.min(remaining, Int64(chunkSize)))
                remaining -= Int64(length)
                var buffer = ByteBuffer()
                buffer.reserveCapacity(length)
                // xorshift64: cheap enough that generation never limits throughput.
                buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: length) { raw in
                    let words = length / 8
                    let pointer = raw.baseAddress!
                    for index in 0..<words {
                        state ^= state << 13
                        state ^= state >> 7
                        state ^= state << 17
                        pointer.storeBytes(of: state, toByteOffset: index * 8, as: UInt64.self)
                    }
                    for index in (words * 8)..<length {
                        state ^= state << 13
                        state ^= state >> 7
                        state ^= state << 17
                        pointer.storeBytes(of: UInt8(truncatingIfNeeded: state), toByteOffset: index, as: UInt8.self)
                    }
                    return length
                }
                return buffer
            }
        }
    }
}
