import CZstd

/// zstd compression of one blob (a chunk, a tree), through Debian's libzstd.
///
/// Decompression is bounded: a blob says how large it is, and a blob claiming
/// more than the caller allows (a chunk is at most 1 MiB) is refused before
/// any memory is given to it, so a hostile pack cannot exhaust memory.
public enum Zstd {
    public enum ZstdError: Error, Sendable, Equatable, CustomStringConvertible {
        case compressionFailed(String)
        case corrupt(String)
        case tooLarge(claimed: UInt64, limit: Int)
        case unknownSize

        public var description: String {
            switch self {
            case .compressionFailed(let reason): return "zstd compression failed: \(reason)"
            case .corrupt(let reason): return "a compressed blob is corrupt: \(reason)"
            case .tooLarge(let claimed, let limit):
                return "a compressed blob claims \(claimed) bytes, more than the \(limit) allowed: the pack is corrupt or hostile"
            case .unknownSize: return "a compressed blob does not record its size; blobs written by this engine always do"
            }
        }
    }

    /// Level 3 is zstd's default: fast, and most of the ratio.
    public static func compress(_ bytes: [UInt8], level: Int32 = 3) throws(ZstdError) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: ZSTD_compressBound(bytes.count))
        let written = output.withUnsafeMutableBytes { out in
            bytes.withUnsafeBytes { input in
                ZSTD_compress(out.baseAddress, out.count, input.baseAddress, input.count, level)
            }
        }
        if ZSTD_isError(written) != 0 { throw .compressionFailed(String(cString: ZSTD_getErrorName(written))) }
        output.removeSubrange(written...)
        return output
    }

    public static func decompress(_ bytes: [UInt8], limit: Int) throws(ZstdError) -> [UInt8] {
        let claimed = bytes.withUnsafeBytes { ZSTD_getFrameContentSize($0.baseAddress, $0.count) }
        if claimed == ZSTD_CONTENTSIZE_ERROR { throw .corrupt("not a zstd frame") }
        if claimed == ZSTD_CONTENTSIZE_UNKNOWN { throw .unknownSize }
        guard claimed <= UInt64(limit) else { throw .tooLarge(claimed: claimed, limit: limit) }
        var output = [UInt8](repeating: 0, count: Int(claimed))
        let written = output.withUnsafeMutableBytes { out in
            bytes.withUnsafeBytes { input in
                ZSTD_decompress(out.baseAddress, out.count, input.baseAddress, input.count)
            }
        }
        if ZSTD_isError(written) != 0 { throw .corrupt(String(cString: ZSTD_getErrorName(written))) }
        guard written == Int(claimed) else { throw .corrupt("it holds \(written) bytes, not the \(claimed) it claims") }
        return output
    }
}
