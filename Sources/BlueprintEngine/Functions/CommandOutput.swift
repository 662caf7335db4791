import ChildProcesses
import NIOCore

/// What every function that runs a command (here or in a pod) does with its
/// output: cut it into lines by the one rule (``LineSplitter``), send each line
/// (redacted) to the run's log, turn stdout's `###Phase-output###` lines into the
/// phase's outputs, and keep stderr's last lines for the error message.
///
/// An actor because stdout and stderr arrive from two readers at once.
public actor CommandOutput {
    private let context: FunctionContext
    private var splitters: [ProcessStream: LineSplitter]
    private var parser = PhaseOutputParser()
    private var lastStderr: [String] = []
    private var reportedProblems = 0
    private let keptStderrLines: Int

    public init(context: FunctionContext, maximumLineLength: Int = LineSplitter.defaultMaximumLength,
                keptStderrLines: Int = 3) {
        self.context = context
        self.keptStderrLines = keptStderrLines
        splitters = [
            .stdout: LineSplitter(maximumLength: maximumLineLength),
            .stderr: LineSplitter(maximumLength: maximumLineLength),
        ]
    }

    /// The outputs found so far.
    public var outputs: [String: ArgumentValue] { parser.outputs }

    /// The last few lines of stderr, redacted, for an error message.
    public var stderrTail: [String] { lastStderr }

    public func feed(_ buffer: ByteBuffer, stream: ProcessStream) {
        guard var splitter = splitters[stream] else { return }
        splitter.feed(buffer) { emit($0, stream: stream) }
        splitters[stream] = splitter
    }

    /// Ends both streams (their last unterminated lines count) and returns the outputs.
    @discardableResult
    public func finish() -> [String: ArgumentValue] {
        for stream in [ProcessStream.stdout, .stderr] {
            splitters[stream]?.finish { emit($0, stream: stream) }
        }
        return parser.outputs
    }

    private func emit(_ line: LineSplitter.Line, stream: ProcessStream) {
        if stream == .stdout {
            parser.consume(line)
            for problem in parser.problems.dropFirst(reportedProblems) {
                context.logger.warning("\(context.redactor.redact(problem))", metadata: ["phase": "\(context.phase)"])
            }
            reportedProblems = parser.problems.count
        }
        let text = line.truncated ? line.text + " … (\(line.length - line.text.utf8.count) more bytes not shown)" : line.text
        context.output(text, stream: stream.rawValue)
        if stream == .stderr {
            lastStderr.append(context.redactor.redact(line.text))
            if lastStderr.count > keptStderrLines { lastStderr.removeFirst() }
        }
    }
}
