/// How a child process ended.
public enum ProcessExitStatus: Sendable, Hashable, CustomStringConvertible {
    case exited(Int32)
    case signaled(Int32)

    public var succeeded: Bool { self == .exited(0) }

    /// `timeout(1)` exits with 124 when it had to stop the command (a lease ran
    /// out), 137 when it had to kill it.
    public var isTimeoutExpiry: Bool { self == .exited(124) || self == .exited(137) }

    public var description: String {
        switch self {
        case .exited(let code): return "exit status \(code)"
        case .signaled(let signal): return "killed by signal \(signal)"
        }
    }

    public init(waitStatus status: Int32) {
        let signal = status & 0x7f
        self = signal == 0 ? .exited((status >> 8) & 0xff) : .signaled(signal)
    }
}
