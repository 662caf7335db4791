/// Turns the stored data of a sparse member (`tar --sparse`) back into the
/// file: `data` for the stored segments and `hole` for the gaps between them,
/// which the archive does not hold and a restore need not write.
///
/// GNU's two layouts are read: the old GNU one (type `S`, the map in the header
/// and its extension blocks) and PAX 1.0 (`GNU.sparse.major=1`, the map as
/// decimal lines at the start of the data, padded to a block), which GNU tar
/// writes with `--format=posix`.
struct SparseDecoder: Sendable {
    struct Segment: Sendable {
        var offset: Int64
        var length: Int64
    }

    /// The map is at most this large (a file with about 100,000 data regions).
    static let maximumMapBytes = 4 << 20

    private var segments: [Segment]
    private let realSize: Int64
    /// PAX 1.0: the map line being read; nil once the map is read (or for old GNU).
    private var mapText: [UInt8]?
    private var mapNumbers: [Int64] = []
    private var mapBytes = 0
    private var mapPadding = 0
    private var next = 0
    private var segmentRemaining: Int64 = 0
    /// Where in the file the next byte goes.
    private var position: Int64 = 0
    private let headerOffset: Int64

    /// Old GNU: the map came with the header.
    init(segments: [Segment], realSize: Int64, headerOffset: Int64) {
        self.segments = segments
        self.realSize = realSize
        self.headerOffset = headerOffset
    }

    /// PAX 1.0: the map is at the start of the data.
    init(realSize: Int64, headerOffset: Int64) {
        self.segments = []
        self.realSize = realSize
        self.mapText = []
        self.headerOffset = headerOffset
    }

    mutating func feed(_ bytes: ArraySlice<UInt8>, events: inout [TarReader.Event]) throws(TarError) {
        var bytes = bytes
        if mapText != nil {
            try readMap(&bytes)
            if mapText != nil { return }
        }
        if mapPadding > 0 {
            let skip = min(mapPadding, bytes.count)
            bytes = bytes.dropFirst(skip)
            mapPadding -= skip
        }
        while !bytes.isEmpty {
            if segmentRemaining == 0 {
                try startSegment(events: &events)
            }
            let take = Int(min(segmentRemaining, Int64(bytes.count)))
            events.append(.data(bytes.prefix(take)))
            bytes = bytes.dropFirst(take)
            segmentRemaining -= Int64(take)
            position += Int64(take)
        }
    }

    /// At the end of the member's stored data: the last hole, and a check that
    /// every segment the map promised arrived.
    mutating func finish(events: inout [TarReader.Event]) throws(TarError) {
        guard mapText == nil, segmentRemaining == 0 else { throw corrupt("its data ends before its map does") }
        while next < segments.count {
            guard segments[next].length == 0 else { throw corrupt("its data ends before its map does") }
            next += 1
        }
        if position < realSize { events.append(.hole(realSize - position)) }
        position = realSize
    }

    private mutating func startSegment(events: inout [TarReader.Event]) throws(TarError) {
        while next < segments.count, segments[next].length == 0 { next += 1 }
        guard next < segments.count else { throw corrupt("it stores more data than its map describes") }
        let segment = segments[next]
        next += 1
        guard segment.offset >= position, segment.offset + segment.length <= realSize else {
            throw corrupt("its map has overlapping or out-of-range regions")
        }
        if segment.offset > position { events.append(.hole(segment.offset - position)) }
        position = segment.offset
        segmentRemaining = segment.length
    }

    /// `COUNT\n` then `OFFSET\nLENGTH\n` COUNT times, then zero padding to a block.
    /// Each line is parsed once, as it completes.
    private mutating func readMap(_ bytes: inout ArraySlice<UInt8>) throws(TarError) {
        guard var line = mapText else { return }
        while let byte = bytes.first {
            bytes = bytes.dropFirst()
            mapBytes += 1
            guard mapBytes <= Self.maximumMapBytes else { throw corrupt("its map is larger than 4 MiB") }
            guard byte == UInt8(ascii: "\n") else {
                line.append(byte)
                guard line.count <= 20 else { throw corrupt("its map has a line that is not a number") }
                continue
            }
            guard let number = Int64(String(decoding: line, as: UTF8.self)), number >= 0 else {
                throw corrupt("its map has a line that is not a number")
            }
            line.removeAll(keepingCapacity: true)
            mapNumbers.append(number)
            guard let count = mapNumbers.first else { continue }
            guard count <= Int64(Self.maximumMapBytes) else { throw corrupt("its map claims \(count) regions") }
            if mapNumbers.count == 1 + 2 * Int(count) {
                segments = stride(from: 1, to: mapNumbers.count, by: 2).map {
                    Segment(offset: mapNumbers[$0], length: mapNumbers[$0 + 1])
                }
                mapPadding = TarReader.padding(Int64(mapBytes))
                mapText = nil
                mapNumbers = []
                return
            }
        }
        mapText = line
    }

    private func corrupt(_ reason: String) -> TarError {
        .badExtendedHeader(offset: headerOffset, reason: "sparse member: \(reason)")
    }
}
