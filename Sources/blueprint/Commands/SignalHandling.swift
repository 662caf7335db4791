import BlueprintEngine
import Dispatch
import Foundation

/// Turns SIGINT, SIGTERM and SIGHUP (the terminal or ssh session went away) into
/// a cancelled run instead of a dead process, so the undos run. A second signal
/// does not skip them: it prints what is still being undone.
///
/// Signals arrive through Dispatch signal sources: the one place Dispatch is used,
/// because a signal handler proper may not touch Swift's runtime.
final class SignalHandling {
    private let sources: [any DispatchSourceSignal]

    init(control: RunControl, view: ProgressView) {
        let queue = DispatchQueue(label: "blueprint.signals")
        var sources: [any DispatchSourceSignal] = []
        for (number, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM"), (SIGHUP, "SIGHUP")] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                Task {
                    switch await control.cancel(reason: name) {
                    case .stopping:
                        view.note("\(name) received: stopping the action; undos and the defer phase still run")
                    case .stillUndoing(let remaining):
                        if remaining.isEmpty {
                            view.note("\(name) received: the run is already stopping; finishing the unwinding")
                        } else {
                            view.note("\(name) received: still undoing \(remaining.joined(separator: ", ")); the run ends when the undos finish")
                        }
                    }
                }
            }
            source.resume()
            sources.append(source)
        }
        self.sources = sources
    }

    func stop() {
        for source in sources { source.cancel() }
    }
}
