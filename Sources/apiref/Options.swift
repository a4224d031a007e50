import APIRefKit
import ArgumentParser
import Foundation

extension InputFormat: ExpressibleByArgument {}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case human, json, sarif, github
}

/// Options shared by every command that reads a description.
struct InputOptions: ParsableArguments {
    /// The folder read when none is given.
    static let defaultPath = "api-ref"

    /// `check` and `build`'s command lines as `ReadAhead.guess` sees them. The options: keep in
    /// step with those of InputOptions, DiagnosticOptions, CheckCommand and BuildCommand (an
    /// option missing here only stops the read from starting early; scripts/cli-smoke.sh runs
    /// every documented option through the guess).
    static var readAheadShape: ReadAhead.CommandLineShape {
        let reading = ([CheckCommand.self, BuildCommand.self] as [ParsableCommand.Type]).map { $0._commandName }
        let all = APIRefCommand.configuration.subcommands.map { $0._commandName } + ["help"]
        return ReadAhead.CommandLineShape(
            commands: Set(reading), otherCommands: Set(all).subtracting(reading),
            valueOptions: ["--format", "--severity", "--color", "--changed", "-o", "--output", "--base-url", "--templates"],
            flags: ["--strict", "--allow-errors", "--verbose"])
    }

    /// What this command reads.
    func readRequest() throws -> ReadAhead.Request {
        ReadAhead.Request(root: path, format: inputFormat, limits: try limits(), versions: try versions())
    }

    @Argument(help: "The description folder (apiref.yaml), or an os-api-ref source tree.")
    var path: String = Self.defaultPath

    @Option(name: .customLong("input-format"), help: "auto, native or os-api-ref.")
    var inputFormat: InputFormat = .auto

    @Option(name: .customLong("limit"), help: ArgumentHelp(
        "Raise or lower a reading limit: \(ReadLimits.names.joined(separator: ", "))=N (repeatable).",
        valueName: "NAME=N"))
    var limitSettings: [String] = []

    @Option(name: .customLong("min-version"), help: "An os-api-ref tree's first microversion, when the tree does not say.")
    var minVersion: String?

    @Option(name: .customLong("max-version"), help: "An os-api-ref tree's last microversion, when the tree does not say.")
    var maxVersion: String?

    /// The range given on the command line (open bounds where none was given).
    func versions() throws -> VersionRange {
        func parse(_ text: String?, _ option: String) throws -> Microversion? {
            guard let text else { return nil }
            guard let version = Microversion(text) else { throw ValidationError("\(option) takes MAJOR.MINOR, not '\(text)'") }
            return version
        }
        let range = VersionRange(min: try parse(minVersion, "--min-version"), max: try parse(maxVersion, "--max-version"))
        guard !range.isEmpty else { throw ValidationError("--min-version is greater than --max-version") }
        return range
    }

    func limits() throws -> ReadLimits {
        var limits = ReadLimits.default
        for setting in limitSettings {
            let parts = setting.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let value = Int(parts[1]), limits.set(parts[0], value) else {
                throw ValidationError("--limit takes NAME=N with NAME one of \(ReadLimits.names.joined(separator: ", ")) and N > 0, not '\(setting)'")
            }
        }
        return limits
    }
}

/// Options deciding how findings are reported and what fails the run.
struct DiagnosticOptions: ParsableArguments {
    @Option(help: "human, json, sarif or github.")
    var format: OutputFormat = .human

    @Flag(help: "Fail on warnings too.")
    var strict = false

    @Option(name: .customLong("severity"), parsing: .unconditionalSingleValue,
            help: ArgumentHelp("Override a rule's severity: CODE=error|warning|note|off (repeatable).", valueName: "CODE=LEVEL"))
    var severityOverrides: [String] = []

    @Option(help: "Colour in human output: auto, always or never.")
    var color: ColorChoice = .auto

    enum ColorChoice: String, ExpressibleByArgument {
        case auto, always, never
    }

    func policy() throws -> DiagnosticEngine.Policy {
        var overrides: [String: Severity] = [:]
        var disabled: Set<String> = []
        for item in severityOverrides {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let rule = RuleRegistry.descriptor(for: parts[0]) else {
                throw ValidationError("--severity takes CODE=LEVEL with a known rule code, not '\(item)'")
            }
            if parts[1] == "off" {
                disabled.insert(rule.code)
            } else if let severity = Severity(rawValue: parts[1]) {
                overrides[rule.code] = severity
            } else {
                throw ValidationError("--severity level must be error, warning, note or off, not '\(parts[1])'")
            }
        }
        return DiagnosticEngine.Policy(strict: strict, overrides: overrides, disabled: disabled)
    }

    var useColor: Bool {
        switch color {
        case .always: return true
        case .never: return false
        case .auto:
            return ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true && isatty(STDOUT_FILENO) == 1
        }
    }

    func writer(sources: SourceStore, pathPrefix: String) -> any DiagnosticWriter {
        switch format {
        case .human: HumanWriter(sources: sources, pathPrefix: pathPrefix, color: useColor)
        case .json: JSONWriter(pathPrefix: pathPrefix)
        case .sarif: SARIFWriter(pathPrefix: pathPrefix, toolVersion: APIRefCommand.version)
        case .github: GitHubWriter(pathPrefix: pathPrefix)
        }
    }
}

enum Terminal {
    static func standardError(_ text: String, terminator: String = "\n") {
        FileHandle.standardError.write(Data((text + terminator).utf8))
    }

    /// The root as the user should see it in paths: relative to the working directory.
    static func displayPath(_ root: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        if root.hasPrefix(cwd + "/") { return String(root.dropFirst(cwd.count + 1)) }
        if root.hasPrefix("./") { return String(root.dropFirst(2)) }
        return root.hasSuffix("/") && root.count > 1 ? String(root.dropLast()) : root
    }
}
