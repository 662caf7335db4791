import BlueprintEngine
import Foundation

/// Shows a run as it happens on stderr: on a terminal a status line that is
/// redrawn (running phases, attempt, elapsed time) under the log; when piped,
/// one plain line per event so logs stay readable.
final class ProgressView: ProgressSink, @unchecked Sendable {
    private let lock = NSLock()
    private let interactive: Bool
    /// Running phases with their attempt and start time.
    private var running: [(phase: String, attempt: Int, of: Int, since: Date)] = []
    private var statusShown = false

    init(interactive: Bool) {
        self.interactive = interactive
    }

    static var stderrIsTerminal: Bool { isatty(2) == 1 }

    func handle(_ event: RunEvent) {
        lock.lock()
        defer { lock.unlock() }
        switch event {
        case .runStarted(let id, let action, let phases):
            write("run \(id): action \(action), \(phases.count) phase\(phases.count == 1 ? "" : "s")")
        case .phaseStarted(let phase, let attempt, let of):
            running.removeAll { $0.phase == phase }
            running.append((phase, attempt, of, Date()))
            write(attempt == 1 ? "phase \(phase): started" : "phase \(phase): attempt \(attempt) of \(of)")
        case .phaseRetrying(let phase, let attempt, let error, let delay):
            write("phase \(phase): attempt \(attempt) failed: \(error); retrying in \(format(delay))")
        case .phaseSucceeded(let phase, let seconds):
            running.removeAll { $0.phase == phase }
            write("phase \(phase): succeeded in \(String(format: "%.2f", seconds))s")
        case .phaseFailed(let phase, let error):
            running.removeAll { $0.phase == phase }
            write("phase \(phase): failed: \(error)")
        case .phaseSkipped(let phase):
            write("phase \(phase): skipped")
        case .output(let phase, _, let line):
            write("  [\(phase)] \(line)")
        case .progress(let phase, let message):
            write("  [\(phase)] \(message)")
        case .undoStarted(let phase, let summary, let attempt):
            write("undo \(summary) (phase \(phase))" + (attempt > 1 ? ": attempt \(attempt)" : ": running"))
        case .undoSucceeded(_, let summary):
            write("undo \(summary): done")
        case .undoFailed(_, let summary, let attempt, let error, let willRetry):
            write("undo \(summary): attempt \(attempt) failed: \(error)" + (willRetry ? "; retrying" : "; giving up"))
        case .runFinished(let state, let error):
            running = []
            write("run \(state.rawValue)" + (error.map { ": \($0)" } ?? ""))
        }
    }

    /// A message from the CLI itself (signals).
    func note(_ message: String) {
        lock.lock()
        defer { lock.unlock() }
        write(message)
    }

    /// Redraws the status line with fresh elapsed times (terminal only).
    func tick() {
        lock.lock()
        defer { lock.unlock() }
        if interactive { drawStatus() }
    }

    private func write(_ line: String) {
        var text = ""
        if interactive && statusShown { text += "\r\u{1B}[K" }
        text += line + "\n"
        FileHandle.standardError.write(Data(text.utf8))
        statusShown = false
        if interactive { drawStatus() }
    }

    private func drawStatus() {
        guard !running.isEmpty else {
            if statusShown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            statusShown = false
            return
        }
        let now = Date()
        let parts = running.map { entry in
            let attempt = entry.of > 1 ? " attempt \(entry.attempt)/\(entry.of)" : ""
            return "\(entry.phase)\(attempt) \(String(format: "%.1f", now.timeIntervalSince(entry.since)))s"
        }
        FileHandle.standardError.write(Data("\r\u{1B}[K▶ \(parts.joined(separator: ", "))".utf8))
        statusShown = true
    }

    private func format(_ duration: Duration) -> String {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return String(format: "%.2fs", seconds)
    }
}
