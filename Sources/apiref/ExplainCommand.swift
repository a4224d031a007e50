import Foundation
import APIRefKit
import ArgumentParser

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain a rule: what it checks, why, an example, and the fix."
    )

    @Argument(help: "A rule code (AR014) or name (undefined-reference).")
    var rule: String

    func run() throws {
        guard let descriptor = RuleRegistry.descriptor(for: rule) else {
            Terminal.standardError("error: no rule '\(rule)'; `apiref rules` lists them")
            throw ExitCode(2)
        }
        print(RuleDocs.markdown(descriptor), terminator: "")
    }
}

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List every rule with its code, severity and summary."
    )

    @Flag(help: "Print the full catalogue as Markdown (docs/rules.md).")
    var markdown = false

    func run() {
        if markdown {
            print(RuleDocs.catalogue(), terminator: "")
            return
        }
        for rule in RuleRegistry.all.map { $0.descriptor } {
            print("\(rule.code)  \(rule.severity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0))  \(rule.name.padding(toLength: 34, withPad: " ", startingAt: 0))  \(rule.summary)")
        }
    }
}
