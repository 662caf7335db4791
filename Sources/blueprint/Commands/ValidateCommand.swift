import ArgumentParser
import BlueprintFunctions
import BlueprintModel
import Foundation

/// `blueprint validate PATH…`: every problem of every blueprint, before anything runs.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check blueprint files for every problem, with file:line:column.",
        discussion: """
            Checks YAML syntax, unknown and missing fields, phase names, functions and \
            their arguments, dependsOn graphs, durations and template references. \
            Directories are searched recursively for *.yaml and *.yml files. \
            Exits 1 when any error is found, 0 otherwise (warnings do not fail).
            """
    )

    @Argument(help: "Blueprint files or directories.")
    var paths: [String]

    @Option(name: .shortAndLong, help: "Output format: text or json.")
    var output: OutputFormat = .text

    @Flag(name: .long, help: "Treat warnings as errors.")
    var strict = false

    func run() throws {
        let report = ValidationReport.validate(paths: paths, catalog: BuiltinFunctions.registry.catalog)
        switch output {
        case .json:
            try JSONOutput.print(report)
        case .text:
            for diagnostic in report.diagnostics {
                print(diagnostic)
            }
            let summary = "\(report.files.count) file\(report.files.count == 1 ? "" : "s") checked: "
                + "\(report.errorCount) error\(report.errorCount == 1 ? "" : "s"), "
                + "\(report.warningCount) warning\(report.warningCount == 1 ? "" : "s")"
            StandardStreams.err((summary + "\n"))
        }
        if report.errorCount > 0 || (strict && report.warningCount > 0) {
            throw ExitStatus.failure
        }
    }
}
