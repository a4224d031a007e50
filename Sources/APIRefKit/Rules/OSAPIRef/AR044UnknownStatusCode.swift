/// AR044 unknown-status-code: a `rest_status_code` entry is not in the status file.
public enum UnknownStatusCode: Rule {
    public static let descriptor = RuleDescriptor(
        code: "AR044", name: "unknown-status-code", severity: .warning,
        summary: "status code or reason is not defined in the status file",
        documentation: RuleDocumentation(
            what: "An item of an os-api-ref `.. rest_status_code:: success|error status.yaml` list whose code is not a key of status.yaml, or whose `code: reason` names a reason that code lacks.",
            why: "os-api-ref shows the default reason (or fails) instead of the one meant; the response table misleads.",
            example: """
            .. rest_status_code:: error status.yaml

               - 409: duplcate_zone
            """,
            fix: "Add the code or reason to status.yaml, or correct the item."
        )
    )

    public static func make(_ what: String, in file: String, at range: SourceRange) -> Diagnostic {
        diagnostic("\(what) is not defined in '\(file)'", at: range,
                   help: "add it to '\(file)', or correct the item")
    }
}
