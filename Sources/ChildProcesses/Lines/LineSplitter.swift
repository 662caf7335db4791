import NIOCore

/// Cuts a byte stream into lines: the one rule every reader of command output
/// uses (local commands, commands in pods, lock sessions), so a phase output is
/// parsed the same way wherever its command ran.
///
/// - A line ends at `\n`; one `\r` before it is dropped (`\r\n` output). A lone
///   `\r` inside a line stays (progress bars), as in Kanister's line reader.
/// - A line may arrive in any number of reads: a marker split across two reads
///   is found whole.
/// - A line longer than ``maximumLength`` keeps its first ``maximumLength``
///   bytes, is marked ``Line/truncated`` and the rest up to the newline is
///   skipped: memory stays bounded by the cap, whatever the child prints.
/// - Each byte is looked at once (a `memchr` for the newline): linear in the
///   output, never a rescan of the pending bytes.
/// - What follows the last newline is a line of its own at ``finish(_:)``.
public struct LineSplitter: Sendable {
    public struct Line: Sendable, Hashable {
        /// The line without its ending, decoded as UTF-8 (invalid bytes become U+FFFD).
        public var text: String
        /// True when the line was longer than the cap and ``text`` is its beginning.
        public var truncated: Bool
        /// The line's full length in bytes, counting what was skipped.
        public var length: Int

        public init(text: String, truncated: Bool, length: Int) {
            self.text = text
            self.truncated = truncated
            self.length = length
        }
    }

    /// 1 MiB: far above any sensible output line (Kanister's own limit is in the
    /// same range), far below what would strain memory.
    public static let defaultMaximumLength = 1 << 20

    public let maximumLength: Int
    /// The current line's bytes (at most ``maximumLength``); a ByteBuffer so that
    /// appending is one `memcpy`, also in unoptimized builds.
    private var pending = ByteBuffer()
    private var length = 0

    public init(maximumLength: Int = LineSplitter.defaultMaximumLength) {
        precondition(maximumLength > 0, "a line cap must be positive")
        self.maximumLength = maximumLength
    }

    /// Feeds the next bytes; calls `emit` for every line they complete.
    public mutating func feed(_ buffer: ByteBuffer, _ emit: (Line) throws -> Void) rethrows {
        try buffer.withUnsafeReadableBytes { bytes in try feed(bytes, emit) }
    }

    public mutating func feed(_ bytes: UnsafeRawBufferPointer, _ emit: (Line) throws -> Void) rethrows {
        guard let base = bytes.baseAddress else { return }
        var start = 0
        while start < bytes.count {
            let rest = bytes.count - start
            if let found = memchr(base + start, Int32(UInt8(ascii: "\n")), rest) {
                let end = base.distance(to: UnsafeRawPointer(found))
                append(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
                try emit(takeLine())
                start = end + 1
            } else {
                append(UnsafeRawBufferPointer(rebasing: bytes[start...]))
                start = bytes.count
            }
        }
    }

    /// Ends the stream: the bytes after the last newline, if any, are the last line.
    public mutating func finish(_ emit: (Line) throws -> Void) rethrows {
        if length > 0 { try emit(takeLine()) }
    }

    private mutating func append(_ bytes: UnsafeRawBufferPointer) {
        length += bytes.count
        let room = maximumLength - pending.readableBytes
        if room > 0 { pending.writeBytes(UnsafeRawBufferPointer(rebasing: bytes.prefix(room))) }
    }

    private mutating func takeLine() -> Line {
        let truncated = length > maximumLength
        var count = pending.readableBytes
        if !truncated, count > 0, pending.getInteger(at: pending.readerIndex + count - 1, as: UInt8.self) == UInt8(ascii: "\r") {
            count -= 1
        }
        let text = pending.withUnsafeReadableBytes {
            String(decoding: UnsafeRawBufferPointer(rebasing: $0.prefix(count)).assumingMemoryBound(to: UInt8.self), as: UTF8.self)
        }
        let line = Line(text: text, truncated: truncated, length: length)
        pending.clear()
        length = 0
        return line
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
