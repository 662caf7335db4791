/// How a command runs in a pod.
public struct ExecOptions: Sendable, Equatable {
    /// Container to run in; nil lets the server pick the pod's only container.
    public var container: String?
    /// Throw `KubeError.commandFailed` for a non-zero exit (else return it in `ExecResult`).
    public var throwOnNonZeroExit: Bool
    /// Stop the remote command when the calling task is cancelled.
    ///
    /// Closing the exec connection does not stop a command: the kubelet lets it run
    /// to its end. So the command is started through `sh -c 'echo PID >&2; exec "$@"'`
    /// (argv untouched), and on cancellation a second exec sends it SIGTERM, then
    /// SIGKILL after a grace period. Needs `/bin/sh` in the container; turn off for
    /// images without a shell.
    public var terminateOnCancel: Bool
    /// Bytes of stderr kept for error messages.
    public var stderrTailBytes: Int

    public init(container: String? = nil, throwOnNonZeroExit: Bool = true, terminateOnCancel: Bool = true,
                stderrTailBytes: Int = 4096) {
        self.container = container
        self.throwOnNonZeroExit = throwOnNonZeroExit
        self.terminateOnCancel = terminateOnCancel
        self.stderrTailBytes = stderrTailBytes
    }
}

/// How a command in a pod ended.
public struct ExecResult: Sendable, Equatable {
    public var exitCode: Int
    public var stdoutBytes: Int
    public var stderrBytes: Int
    /// The last `stderrTailBytes` of stderr, as text.
    public var stderrTail: String
    /// The sub-protocol offer the server accepted (`v5.channel.k8s.io, v4.channel.k8s.io` or `v4.channel.k8s.io`).
    public var subprotocolOffer: String
}
