import ArgumentParser
import CMallocTuning
import Foundation

/// The `blueprint` command line: validate, inspect and run Kanister-compatible
/// blueprints.
@main
struct BlueprintCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "blueprint",
        abstract: "Run application-consistent backup and restore blueprints.",
        subcommands: [
            ValidateCommand.self,
            FunctionsCommand.self,
            CatalogCommand.self,
            TemplateCommand.self,
            ArtifactsCommand.self,
            ProfileCommand.self,
            RunCommand.self,
            RunsCommand.self,
            StatusCommand.self,
            RecoverCommand.self,
            RepoCommand.self,
            ActionSetCommand.self,
        ]
    )

    static func main() async {
        StandardStreams.ignoreBrokenPipes()
        boundAllocatorMemory()
        do {
            var command = try parseAsRoot(nil)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exitMappingUsageErrors(error)
        }
    }

    /// Exits as argument-parser would, except that usage errors (an unknown flag,
    /// a value `validate()` refused) exit 2 — the status the README documents
    /// for invalid input — instead of its EX_USAGE (64).
    private static func exitMappingUsageErrors(_ error: any Error) -> Never {
        guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
        StandardStreams.err(fullMessage(for: error) + "\n")
        Foundation.exit(ExitStatus.invalidInput.rawValue)
    }

    /// Keeps the engine's resident memory bounded while it streams gigabytes.
    ///
    /// Streams move through multi-MiB buffers (S3 parts and ranges) freed on other
    /// threads than the ones that allocated them. glibc's defaults let such blocks
    /// migrate into per-thread heap arenas (its mmap threshold rises to the largest
    /// block ever freed), where freed memory stays resident as fragmentation — about
    /// 90 MiB for a 1 GiB upload instead of 60. A fixed threshold makes every block
    /// of 256 KiB or more its own mapping, returned to the system when freed, and
    /// two arenas bound what the small allocations can spread over. CMallocTuning
    /// applies the same settings when the program is loaded, before the runtime's
    /// threads allocate; this call re-applies them and keeps that object linked.
    private static func boundAllocatorMemory() {
        _ = blueprint_bound_allocator(256 * 1024, 2)
    }
}
