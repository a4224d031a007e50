/// Reads an os-api-ref parameters.yaml the way os-api-ref does, with the shared
/// `ParametersReader`:
///
/// - Unknown keys are ignored (os-api-ref never looks at them).
/// - `min_version: 2.10` is the version 2.10: os-api-ref loads YAML floats as text, so an
///   unquoted version is not ambiguous for it and AR008 is not reported.
/// - Types: `string`, `integer`, `float` (number), `boolean`, `object`, `array`, and the
///   aliases nova uses: `dict` = object, `list` = array, `none` = null (nova's action bodies
///   such as `{"pause": null}`); `int`, `bool`, `str`, `uuid`, `number` and `null` too. Any
///   other text is AR006.
/// - os-api-ref has no `nullable`: every definition accepts JSON `null` (nova's samples show
///   `null` for many documented fields, e.g. an unset `description`), so a null value is never
///   a type mismatch; `convert` writes `nullable: true` to keep that meaning explicit.
/// - A missing `in` (or `type`, `required`, `description`) is a located AR003, never a crash;
///   `required: "false"` (a string) is an AR004 warning, because os-api-ref shows it as required.
/// - Descriptions are reStructuredText, converted to Markdown.
enum OSAPIRefParameters {
    /// A parameters file read as a table, its descriptions still RST, with what reading it
    /// reported (os-api-ref's own tolerance of unquoted versions applied).
    struct Table: Sendable {
        let definitions: [ParameterDefinition]
        /// As `ParametersReader.readTable` gives it.
        let isReadable: Bool
        let diagnostics: [Diagnostic]
    }

    static func readTable(_ source: SourceFile) -> Table {
        let local = DiagnosticCollector()
        let (definitions, isReadable) = ParametersReader.readTable(source, collector: local, strictKeys: false)
        return Table(definitions: definitions, isReadable: isReadable,
                     diagnostics: local.diagnostics.filter { $0.code != UnquotedMicroversion.descriptor.code })
    }

    /// A definition of the table with its description converted (os-api-ref: every type but
    /// `null` takes null).
    static func withDescription(_ definition: ParameterDefinition, _ description: MarkdownText?) -> ParameterDefinition {
        ParameterDefinition(
            key: definition.key, location: definition.location, type: definition.type,
            required: definition.required, description: description,
            versions: definition.versions, enumValues: definition.enumValues,
            nullable: definition.type != .null,
            items: definition.items, format: definition.format, range: definition.range,
            minVersionRange: definition.minVersionRange, maxVersionRange: definition.maxVersionRange,
            isComplete: definition.isComplete)
    }

    /// The lines of a description as they sit in the file: a block scalar (`|`, `>`) starts on
    /// the line after its indicator.
    static func lines(of description: MarkdownText, in source: SourceFile) -> [RSTLine] {
        var first = description.range.start.line
        var column = description.range.start.column
        if let line = source.line(first) {
            // Columns count scalars (as the YAML marks do); stepped over without grapheme breaking.
            let scalars = line.unicodeScalars
            let indicator = scalars.index(scalars.startIndex, offsetBy: max(0, column - 1), limitedBy: scalars.endIndex)
                .flatMap { $0 < scalars.endIndex ? scalars[$0] : nil }
            if indicator == "|" || indicator == ">" {
                first += 1
                column = (source.line(first).map { $0.utf8.prefix { $0 == 0x20 }.count } ?? 0) + 1
            } else if indicator == "\"" || indicator == "'" {
                column += 1
            }
        }
        return RSTLine.lines(of: description.text, firstLine: first, column: column)
    }
}
