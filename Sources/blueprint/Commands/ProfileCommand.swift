import ArgumentParser

/// `blueprint profile …`: check where artifacts go.
struct ProfileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: "Check object storage profiles.",
        subcommands: [ProfileValidate.self]
    )
}
