import BlueprintEngine
import Foundation
import Synchronization

/// Shows a run as it happens on stderr: on a terminal a status line that is
/// redrawn (running phases, attempt, elapsed time) under the log; when piped,
/// one plain line per event so logs stay readable.
final class ProgressView: ProgressSink, Sendable {
    private struct State {
        /// Running phases with their attempt and start time.
        var running: [(phase: String, attempt: Int, of: Int, since: Date)] = []
        var statusShown = false
    }

    private let interactive: Bool
    private let state = Mutex(State())

    init(interactive: Bool) {
        self.interactive = interactive
    }

    static var stderrIsTerminal: Bool { isatty(2) == 1 }

    func handle(_ event: RunEvent) {
        state.withLock { handle(event, &$0) }
    }

    private func handle(_ event: RunEvent, _ state: inout State) {
        switch event {
        case .runStarted(let id, let action, let phases):
            write("run \(id): action \(action), \(phases.count) phase\(phases.count == 1 ? "" : "s")", &state)
        case .phaseStarted(let phase, let attempt, let of):
            state.running.removeAll { $0.phase == phase }
            state.running.append((phase, attempt, of, Date()))
            write(attempt == 1 ? "phase \(phase): started" : "phase \(phase): attempt \(attempt) of \(of)", &state)
        case .phaseRetrying(let phase, let attempt, let error, let delay):
            write("phase \(phase): attempt \(attempt) failed: \(error); retrying in \(format(delay))", &state)
        case .phaseSucceeded(let phase, let seconds):
            state.running.removeAll { $0.phase == phase }
            write("phase \(phase): succeeded in \(String(format: "%.2f", seconds))s", &state)
        case .phaseFailed(let phase, let error):
            state.running.removeAll { $0.phase == phase }
            write("phase \(phase): failed: \(error)", &state)
        case .phaseSkipped(let phase):
            write("phase \(phase): skipped", &state)
        case .output(let phase, _, let line):
            // A command's bytes, shown as text: no escape sequence reaches the terminal.
            write("  [\(phase)] \(StandardStreams.printable(line))", &state)
        case .progress(let phase, let message):
            write("  [\(phase)] \(message)", &state)
        case .undoStarted(let phase, let summary, let attempt):
            write("undo \(summary) (phase \(phase))" + (attempt > 1 ? ": attempt \(attempt)" : ": running"), &state)
        case .undoSucceeded(_, let summary):
            write("undo \(summary): done", &state)
        case .undoFailed(_, let summary, let attempt, let error, let willRetry):
            write("undo \(summary): attempt \(attempt) failed: \(error)" + (willRetry ? "; retrying" : "; giving up"), &state)
        case .runFinished(let outcome, let error):
            state.running = []
            write("run \(outcome.rawValue)" + (error.map { ": \($0)" } ?? ""), &state)
        }
    }

    /// A message from the CLI itself (signals).
    func note(_ message: String) {
        state.withLock { write(message, &$0) }
    }

    /// Redraws the status line with fresh elapsed times (terminal only).
    func tick() {
        state.withLock { if interactive { drawStatus(&$0) } }
    }

    private func write(_ line: String, _ state: inout State) {
        var text = ""
        if interactive && state.statusShown { text += "\r\u{1B}[K" }
        text += line + "\n"
        StandardStreams.err(text)
        state.statusShown = false
        if interactive { drawStatus(&state) }
    }

    private func drawStatus(_ state: inout State) {
        guard !state.running.isEmpty else {
            if state.statusShown { StandardStreams.err("\r\u{1B}[K") }
            state.statusShown = false
            return
        }
        let now = Date()
        let parts = state.running.map { entry in
            let attempt = entry.of > 1 ? " attempt \(entry.attempt)/\(entry.of)" : ""
            return "\(entry.phase)\(attempt) \(String(format: "%.1f", now.timeIntervalSince(entry.since)))s"
        }
        StandardStreams.err("\r\u{1B}[K▶ \(parts.joined(separator: ", "))")
        state.statusShown = true
    }

    private func format(_ duration: Duration) -> String {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return String(format: "%.2fs", seconds)
    }
}
