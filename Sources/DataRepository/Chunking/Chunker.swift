/// Content-defined chunking of one file's data (FastCDC with normalized
/// chunking): boundaries depend on the bytes around them, so an insertion
/// moves only the chunks it touches and the rest deduplicate.
///
/// Feed the data in pieces of any size; the cuts are the same however it is
/// split. At most ``ChunkerParameters/maximumSize`` bytes are held at a time.
public struct Chunker: Sendable {
    public let parameters: ChunkerParameters
    private var buffer: [UInt8] = []

    public init(_ parameters: ChunkerParameters) {
        self.parameters = parameters
    }

    /// The chunks `bytes` completed.
    public mutating func append(_ bytes: some Collection<UInt8>) -> [[UInt8]] {
        buffer += bytes
        var chunks: [[UInt8]] = []
        var start = 0
        // A cut is decided only with a whole maximum-size window in hand, so it
        // never depends on where the caller's pieces ended.
        while buffer.count - start >= parameters.maximumSize {
            let length = cut(buffer[start...])
            chunks.append(Array(buffer[start..<(start + length)]))
            start += length
        }
        buffer.removeFirst(start)
        return chunks
    }

    /// The last chunks, at the end of the file.
    public mutating func finish() -> [[UInt8]] {
        var chunks: [[UInt8]] = []
        var start = 0
        while start < buffer.count {
            let length = cut(buffer[start...])
            chunks.append(Array(buffer[start..<(start + length)]))
            start += length
        }
        buffer.removeAll()
        return chunks
    }

    /// The length of the chunk starting at the beginning of `data`.
    func cut(_ data: ArraySlice<UInt8>) -> Int {
        let available = data.count
        guard available > parameters.minimumSize else { return available }
        let normal = min(parameters.averageSize, available)
        let end = min(parameters.maximumSize, available)
        let strict = parameters.strictMask, loose = parameters.looseMask
        // The hot loop of a backup: unchecked reads (every index is below `end` ≤ data.count).
        return parameters.gear.withUnsafeBufferPointer { gear in
            data.withUnsafeBufferPointer { bytes in
                var hash: UInt64 = 0
                var index = parameters.minimumSize
                while index < normal {
                    hash = (hash << 1) &+ gear[Int(bytes[index])]
                    if hash & strict == 0 { return index + 1 }
                    index &+= 1
                }
                while index < end {
                    hash = (hash << 1) &+ gear[Int(bytes[index])]
                    if hash & loose == 0 { return index + 1 }
                    index &+= 1
                }
                return end
            }
        }
    }
}
