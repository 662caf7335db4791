import Foundation
import Testing

/// Numbers and files from the command line end in a clear message and exit 2
/// (the README's "invalid input"), never a trap on a conversion or argument-
/// parser's EX_USAGE (64).
@Suite struct UsageErrorTests {
    @Test func anOverflowingOlderThanIsAnInvalidDurationNotATrap() async throws {
        let cli = CLI()
        let result = try await cli.run(["artifacts", "prune", "--keep-last", "1", "--older-than", "99999999999999d"])
        #expect(result.status == 2, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("--older-than: invalid duration \"99999999999999d\""))
    }

    @Test func olderThanTakesTheOneDurationGrammar() async throws {
        let cli = CLI()
        let weeks = try await cli.run(["artifacts", "prune", "--keep-last", "1", "--older-than", "2w", "--dry-run"])
        #expect(weeks.status == 0, "stderr: \(weeks.stderr)")
        let negative = try await cli.run(["artifacts", "prune", "--keep-last", "1", "--older-than=-1h"])
        #expect(negative.status == 2)
        #expect(negative.stderr.contains("--older-than must not be negative, found -1h0m0s"))
    }

    @Test(arguments: ["nan", "inf", "1e300", "-1"])
    func aKillGraceThatIsNotASensibleNumberOfSecondsIsRefused(_ value: String) async throws {
        let cli = CLI()
        let blueprint = cli.write("bp.yaml", CLI.header + "\n  backup:\n    phases:\n    - func: Exec\n      name: a\n      args: {command: [\"true\"]}\n")
        // `=` keeps "-1" a value, not a flag.
        let result = try await cli.run(["run", "backup", "--blueprint", blueprint, "--kill-grace=\(value)"])
        #expect(result.status == 2, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("--kill-grace must be a number of seconds from 0 to 3600"))
    }

    @Test func anUnknownFlagExitsTwo() async throws {
        let result = try await CLI().run(["validate", "bp.yaml", "--no-such-flag"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("Unknown option '--no-such-flag'"))
    }

    @Test func validateNamesAFIFOInsteadOfBlockingOrCallingItPermissionDenied() async throws {
        let cli = CLI()
        let fifo = cli.file("pipe.yaml")
        #expect(mkfifo(fifo, 0o600) == 0)
        let result = try await cli.run(["validate", fifo], timeout: 30)
        #expect(result.status == 1)
        #expect(result.stdout.contains("is not a regular file (it is a FIFO (named pipe))") || result.stderr.contains("is not a regular file"))
        #expect(!(result.stdout + result.stderr).contains("ermission denied"))
    }
}
