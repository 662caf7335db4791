import ArgumentParser
import Foundation

/// `--output text|json`: people read text, machines read JSON.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text
    case json
}

enum JSONOutput {
    /// Pretty, key-sorted JSON on stdout.
    static func print(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        StandardStreams.out(data)
        StandardStreams.out("\n")
    }
}

/// Exit codes shared by every command: 0 success, 1 the work failed, 2 invalid input.
enum ExitStatus {
    static let failure = ExitCode(1)
    static let invalidInput = ExitCode(2)
}
