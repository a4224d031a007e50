/// AR042 unresolved-reference: a cross-reference in prose leads nowhere.
public enum UnresolvedReference: Rule {
    public static let descriptor = RuleDescriptor(
        code: "AR042", name: "unresolved-reference", severity: .warning,
        summary: "cross-reference in prose has no target",
        documentation: RuleDocumentation(
            what: "In an os-api-ref tree, a `:ref:` label, a `` `name`_ `` reference, an anonymous reference (`` `text`__ ``) or a substitution (`|name|`) that no target, label, section title or substitution definition in the tree matches.",
            why: "Sphinx warns and renders the reference as plain text: readers lose the link the author meant to give them.",
            example: """
            See :ref:`os-hypervisor` for details.     # the label is os-hypervisors
            """,
            fix: "Correct the name, or add the target (`.. _name: url`) or label (`.. _name:` before a section)."
        )
    )

    public static func make(_ what: String, at range: SourceRange) -> Diagnostic {
        diagnostic("\(what) has no target", at: range, label: "shown as plain text",
                   help: "correct the name, or add the target it refers to")
    }
}
