import ArgumentParser

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
            RunCommand.self,
            RunsCommand.self,
            StatusCommand.self,
            RecoverCommand.self,
            TemplateCommand.self,
        ]
    )
}
