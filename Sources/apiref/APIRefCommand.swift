import APIRefKit
import ArgumentParser

@main
struct APIRefCommand: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "apiref",
        abstract: "Validate and render microversioned API reference docs.",
        version: version,
        subcommands: [CheckCommand.self, ExplainCommand.self, RulesCommand.self],
        defaultSubcommand: CheckCommand.self
    )
}
