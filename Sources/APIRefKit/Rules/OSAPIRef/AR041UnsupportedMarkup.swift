/// AR041 unsupported-markup: reStructuredText that apiref cannot turn into Markdown.
public enum UnsupportedMarkup: Rule {
    public static let descriptor = RuleDescriptor(
        code: "AR041", name: "unsupported-markup", severity: .warning,
        summary: "reStructuredText construct has no Markdown equivalent",
        documentation: RuleDocumentation(
            what: "A directive, role or construct in an os-api-ref tree that apiref does not convert to Markdown (an image, a raw block, a table with spanning cells, a footnote, an unknown directive or role). It is kept as plain text or a code block.",
            why: "The rendered (or converted) page shows the construct as text, not as Sphinx would; nothing is dropped, but the result may need a manual touch.",
            example: """
            .. image:: flow.png
            """,
            fix: "Rewrite the passage with supported markup (paragraphs, lists, literals, links, admonitions, tables), or accept the plain-text rendering."
        )
    )

    public static func make(_ what: String, at range: SourceRange) -> Diagnostic {
        diagnostic("\(what) is not supported; kept as plain text", at: range,
                   help: "rewrite it with supported markup, or accept the plain-text rendering")
    }
}
