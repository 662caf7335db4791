import NIOCore

/// Kubernetes' channel protocol (`v4`/`v5.channel.k8s.io`) over WebSocket
/// messages: the first byte of a message names its stream (1 stdout, 2 stderr,
/// 3 the exit status), the rest is payload. A continuation frame carries on the
/// stream its message began on and has no channel byte of its own.
struct ExecChannelDemultiplexer {
    private var channel: UInt8 = 0

    /// The stream and payload of one frame; nil for a frame without payload.
    mutating func payload(isContinuation: Bool, _ data: ByteBuffer) -> (channel: UInt8, data: ByteBuffer)? {
        var data = data
        if !isContinuation {
            guard let first = data.readInteger(as: UInt8.self) else { return nil }
            channel = first
        }
        guard data.readableBytes > 0 else { return nil }
        return (channel, data)
    }
}

/// What one payload means to the caller of an exec.
enum ExecDelivery {
    case stdout(ByteBuffer)
    case stderr(ByteBuffer)
}

extension ExecSession {
    /// Records a payload of `channel` and says what, if anything, goes to the
    /// caller's sinks: the status channel and the wrapper's PID line stay here.
    func accept(channel: UInt8, _ data: ByteBuffer) -> ExecDelivery? {
        switch channel {
        case 1:
            addStdout(data.readableBytes)
            return .stdout(data)
        case 2:
            return filterStderr(data).map(ExecDelivery.stderr)
        case 3:
            appendStatus(data)
            return nil
        default:
            return nil
        }
    }
}

/// Replays recorded exec frames through the decoding a live exec uses (channels,
/// the terminate-on-cancel PID line, the exit status), without a socket: for
/// tests and the fuzzer (`Fuzz/`), which feed it frames no kubelet would send.
public enum ExecFrameReplay {
    public struct Frame: Sendable, Equatable {
        /// A WebSocket continuation frame (no channel byte).
        public var isContinuation: Bool
        public var bytes: [UInt8]

        public init(isContinuation: Bool, bytes: [UInt8]) {
            self.isContinuation = isContinuation
            self.bytes = bytes
        }
    }

    /// What the caller of an exec would have seen.
    public struct Outcome: Sendable, Equatable {
        public var stdout: [UInt8] = []
        public var stderr: [UInt8] = []
        /// The remote PID the wrapper reported, if it did.
        public var pid: Int?
        /// The exit code, when a status arrived and says the command ran.
        public var exitCode: Int?
        /// The failure message, when a status arrived and says the command could not run.
        public var failure: String?
        /// The kept end of stderr, as an error message would show it.
        public var stderrTail: String = ""
    }

    public static func replay(_ frames: [Frame], expectPIDMarker: Bool = true, stderrTailBytes: Int = 4096) -> Outcome {
        let session = ExecSession(stderrFilter: StderrFilter(expectMarker: expectPIDMarker, tailLimit: stderrTailBytes))
        var demultiplexer = ExecChannelDemultiplexer()
        var outcome = Outcome()
        for frame in frames {
            guard let (channel, data) = demultiplexer.payload(isContinuation: frame.isContinuation, ByteBuffer(bytes: frame.bytes))
            else { continue }
            switch session.accept(channel: channel, data) {
            case .stdout(let bytes)?: outcome.stdout += bytes.readableBytesView
            case .stderr(let bytes)?: outcome.stderr += bytes.readableBytesView
            case nil: continue
            }
        }
        let state = session.snapshot()
        outcome.pid = state.pid
        outcome.stderrTail = state.stderrFilter.tailText
        switch state.status.map(ExecStatus.parse) {
        case .exited(let code)?: outcome.exitCode = code
        case .failure(let message)?: outcome.failure = message
        case nil: break
        }
        return outcome
    }
}
