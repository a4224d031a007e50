import Foundation

/// `--format json`: exactly one JSON object.
public struct JSONWriter: DiagnosticWriter {
    public let pathPrefix: String

    public init(pathPrefix: String) { self.pathPrefix = pathPrefix }

    public func write(_ engine: DiagnosticEngine) -> String {
        let items: [JSONOutput] = engine.diagnostics.map { diagnostic in
            var members: [(String, JSONOutput)] = [
                ("code", .string(diagnostic.code)),
                ("severity", .string(diagnostic.severity.rawValue)),
                ("message", .string(diagnostic.message)),
                ("file", .string(PathUtilities.join(pathPrefix, diagnostic.range.file))),
                ("line", .int(diagnostic.range.start.line)),
                ("column", .int(diagnostic.range.start.column)),
            ]
            if let version = diagnostic.microversion { members.append(("microversion", .string(version.description))) }
            if let pointer = diagnostic.pointer { members.append(("pointer", .string(pointer))) }
            if !diagnostic.notes.isEmpty {
                members.append(("notes", .array(diagnostic.notes.map { note in
                    var fields: [(String, JSONOutput)] = [("message", .string(note.message))]
                    if let range = note.range {
                        fields += [("file", .string(PathUtilities.join(pathPrefix, range.file))),
                                   ("line", .int(range.start.line)), ("column", .int(range.start.column))]
                    }
                    return .object(fields)
                })))
            }
            if let help = diagnostic.help { members.append(("help", .string(help))) }
            return .object(members)
        }
        return JSONOutput.object([
            ("version", .int(1)),
            ("diagnostics", .array(items)),
            ("summary", .object([("errors", .int(engine.errorCount)), ("warnings", .int(engine.warningCount))])),
        ]).serialized() + "\n"
    }
}

/// `--format github`: workflow commands that annotate a pull request.
public struct GitHubWriter: DiagnosticWriter {
    public let pathPrefix: String

    public init(pathPrefix: String) { self.pathPrefix = pathPrefix }

    public func write(_ engine: DiagnosticEngine) -> String {
        engine.diagnostics.map { diagnostic in
            let level = switch diagnostic.severity {
            case .error: "error"
            case .warning: "warning"
            case .note: "notice"
            }
            let file = PathUtilities.join(pathPrefix, diagnostic.range.file)
            let message = diagnostic.message + (diagnostic.help.map { " (help: \($0))" } ?? "")
            return "::\(level) file=\(escapeProperty(file)),line=\(diagnostic.range.start.line),col=\(diagnostic.range.start.column),title=\(escapeProperty(diagnostic.code))::\(escapeData(message))"
        }.joined(separator: "\n") + (engine.diagnostics.isEmpty ? "" : "\n")
    }

    private func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    private func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}

/// `--format sarif`: SARIF 2.1.0 with the rule catalogue, for code-scanning uploads.
public struct SARIFWriter: DiagnosticWriter {
    public let pathPrefix: String
    public let toolVersion: String

    public init(pathPrefix: String, toolVersion: String) {
        self.pathPrefix = pathPrefix
        self.toolVersion = toolVersion
    }

    public func write(_ engine: DiagnosticEngine) -> String {
        let rules = RuleRegistry.all.map { $0.descriptor }
        let ruleIndex = Dictionary(rules.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { a, _ in a })
        let ruleObjects: [JSONOutput] = rules.map { rule in
            .object([
                ("id", .string(rule.code)),
                ("name", .string(rule.name)),
                ("shortDescription", .object([("text", .string(rule.summary))])),
                ("fullDescription", .object([("text", .string(rule.documentation.what))])),
                ("help", .object([
                    ("text", .string("\(rule.documentation.why)\n\nFix: \(rule.documentation.fix)")),
                    ("markdown", .string(RuleDocs.markdown(rule))),
                ])),
                ("defaultConfiguration", .object([("level", .string(level(rule.severity)))])),
            ])
        }
        let results: [JSONOutput] = engine.diagnostics.map { diagnostic in
            var members: [(String, JSONOutput)] = [
                ("ruleId", .string(diagnostic.code)),
                ("level", .string(level(diagnostic.severity))),
                ("message", .object([("text", .string(diagnostic.message + (diagnostic.help.map { ". Help: \($0)" } ?? "")))])),
                ("locations", .array([location(diagnostic.range)])),
            ]
            if let index = ruleIndex[diagnostic.code] { members.insert(("ruleIndex", .int(index)), at: 1) }
            let related = diagnostic.notes.compactMap { note -> JSONOutput? in
                guard let range = note.range else { return nil }
                guard case .object(var fields) = location(range) else { return nil }
                fields.append(("message", .object([("text", .string(note.message))])))
                return .object(fields)
            }
            if !related.isEmpty { members.append(("relatedLocations", .array(related))) }
            return .object(members)
        }
        return JSONOutput.object([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")),
            ("runs", .array([.object([
                ("tool", .object([("driver", .object([
                    ("name", .string("apiref")),
                    ("version", .string(toolVersion)),
                    ("informationUri", .string("https://example.invalid/apiref")),
                    ("rules", .array(ruleObjects)),
                ]))])),
                ("results", .array(results)),
            ])])),
        ]).serialized(pretty: true) + "\n"
    }

    private func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "note"
        }
    }

    private func location(_ range: SourceRange) -> JSONOutput {
        .object([("physicalLocation", .object([
            ("artifactLocation", .object([("uri", .string(PathUtilities.join(pathPrefix, range.file)))])),
            ("region", .object([
                ("startLine", .int(range.start.line)), ("startColumn", .int(range.start.column)),
                ("endLine", .int(range.end.line)), ("endColumn", .int(max(range.end.column, range.start.column + 1))),
            ])),
        ]))])
    }
}
