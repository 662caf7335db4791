import Foundation

/// The fuzz targets: each takes one input of arbitrary bytes and runs it through
/// the code that reads untrusted text or bytes of that kind, exactly as the
/// engine would. An input "fails" only by crashing (a trap, a sanitizer report,
/// a broken invariant) or by hanging; errors the code reports are expected.
///
/// One function serves two callers: the libFuzzer executables under `Fuzz/`
/// (built alone, with `-sanitize=fuzzer,address`) and the regression test that
/// replays `Fuzz/Corpus/<target>` and every crash kept in `Fuzz/Crashes/<target>`
/// in the ordinary test suite, so a crash once found stays fixed.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// Blueprint YAML: text checks, loading with positions, validation.
    case blueprint
    /// Go templates: lexer, parser, static checks and execution under limits.
    case template
    /// S3's XML answers (listings, errors, multipart).
    case s3xml
    /// kubeconfig YAML, merged and resolved to a client configuration.
    case kubeconfig
    /// Exec WebSocket frames: channels, the PID line, the exit status.
    case execframes
    /// Command output cut into lines and read for `###Phase-output###` lines.
    case phaseoutput

    /// Runs one input.
    public func run(_ data: Data) {
        switch self {
        case .blueprint: BlueprintFuzzing.run(data)
        case .template: TemplateFuzzing.run(data)
        case .s3xml: S3AnswerFuzzing.run(data)
        case .kubeconfig: KubeconfigFuzzing.run(data)
        case .execframes: ExecFrameFuzzing.run(data)
        case .phaseoutput: PhaseOutputFuzzing.run(data)
        }
    }
}
