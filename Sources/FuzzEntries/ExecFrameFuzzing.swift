import Foundation
import KubeClient

/// Exec output as a kubelet (or anything posing as one) could send it. The input
/// is cut into frames: one byte of flags (bit 0: a continuation frame), one byte
/// of length, then that many bytes; the first byte of the input says whether the
/// PID line of the terminate-on-cancel wrapper is expected.
enum ExecFrameFuzzing {
    static func run(_ data: Data) {
        let bytes = Array(data)
        guard let first = bytes.first else { return }
        var frames: [ExecFrameReplay.Frame] = []
        var index = 1
        while index + 1 < bytes.count {
            let flags = bytes[index]
            let length = Int(bytes[index + 1])
            let start = index + 2
            let end = min(start + length, bytes.count)
            frames.append(ExecFrameReplay.Frame(isContinuation: flags & 1 == 1, bytes: Array(bytes[start..<end])))
            index = end
        }
        let tail = Int(first >> 1) + 1
        let outcome = ExecFrameReplay.replay(frames, expectPIDMarker: first & 1 == 1, stderrTailBytes: tail)
        precondition(outcome.stderrTail.utf8.count <= 3 * tail, "the stderr tail exceeds its limit")
        precondition(outcome.exitCode == nil || outcome.failure == nil, "an exec both exited and failed")
    }
}
