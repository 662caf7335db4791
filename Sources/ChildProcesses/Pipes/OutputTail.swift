import NIOCore

/// The last bytes a client wrote (its stderr), for error messages: bounded, so a
/// chatty client cannot grow the engine's memory.
public struct OutputTail: Sendable {
    public let limit: Int
    public private(set) var bytes: [UInt8] = []
    public private(set) var total = 0

    public init(limit: Int = 8192) { self.limit = limit }

    public mutating func append(_ buffer: ByteBuffer) {
        total += buffer.readableBytes
        bytes.append(contentsOf: buffer.readableBytesView.suffix(limit))
        if bytes.count > limit { bytes.removeFirst(bytes.count - limit) }
    }

    public var text: String {
        let string = String(decoding: bytes, as: UTF8.self)
        return (total > bytes.count ? "…" : "") + string.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Reads a pipe to its end, keeping the tail. Never throws: a broken pipe just ends the tail.
    public static func drain(_ fd: Int32?, limit: Int = 8192) async -> OutputTail {
        var tail = OutputTail(limit: limit)
        guard let fd else { return tail }
        do {
            let channel = try await PipeChannels.reader(fd, maximumRead: 65536)
            try await channel.executeThenClose { inbound, _ in
                for try await buffer in inbound { tail.append(buffer) }
            }
        } catch {}
        return tail
    }
}

import Foundation
