import NIOCore

/// Separates the PID line written by the terminate-on-cancel wrapper from the
/// command's own stderr, and keeps the tail of stderr for error messages.
struct StderrFilter {
    static let marker = Array("@@kubeclient-exec-pid ".utf8)

    private var pendingMarker: Bool
    private var head: [UInt8] = []
    private(set) var pid: Int?
    private(set) var tail: [UInt8] = []
    private(set) var total = 0
    let tailLimit: Int

    init(expectMarker: Bool, tailLimit: Int) {
        pendingMarker = expectMarker
        self.tailLimit = tailLimit
    }

    /// Feeds a stderr chunk; returns the bytes that belong to the command.
    mutating func consume(_ chunk: ByteBuffer) -> ByteBuffer? {
        var chunk = chunk
        if pendingMarker {
            head += chunk.readableBytesView
            guard let newline = head.firstIndex(of: UInt8(ascii: "\n")) else {
                if head.count <= 64, head.starts(with: Self.marker.prefix(head.count)) { return nil }
                pendingMarker = false
                chunk = ByteBuffer(bytes: head)
                head = []
                return record(chunk)
            }
            pendingMarker = false
            let line = head[..<newline]
            if line.starts(with: Self.marker), let value = Int(String(decoding: line.dropFirst(Self.marker.count), as: UTF8.self)) {
                pid = value
                let rest = head[(newline + 1)...]
                head = []
                return rest.isEmpty ? nil : record(ByteBuffer(bytes: rest))
            }
            chunk = ByteBuffer(bytes: head)
            head = []
        }
        return record(chunk)
    }

    private mutating func record(_ chunk: ByteBuffer) -> ByteBuffer {
        total += chunk.readableBytes
        tail += chunk.readableBytesView
        if tail.count > 2 * tailLimit { tail.removeFirst(tail.count - tailLimit) }
        return chunk
    }

    var tailText: String {
        String(decoding: tail.suffix(tailLimit), as: UTF8.self)
    }
}
