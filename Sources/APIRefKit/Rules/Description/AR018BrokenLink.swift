/// AR018 broken-link: a relative Markdown link points at no page or anchor.
public enum BrokenLink: ModelRule {
    public static let descriptor = RuleDescriptor(
        code: "AR018", name: "broken-link", severity: .error,
        summary: "internal link points nowhere",
        documentation: RuleDocumentation(
            what: "A Markdown link without a scheme (`servers.md`, `servers.md#show-server`, `#create-server`) names a page that is not part of the description, or an anchor (heading slug or endpoint id) that the page lacks.",
            why: "Broken links in published docs are dead ends for readers; inside one tree they can always be checked.",
            example: """
            See [resize](servers.md#resize-servr).
            """,
            fix: "Correct the page path or the anchor; anchors are heading slugs or endpoint ids."
        )
    )

    /// The pages' links and anchors.
    public static let inputs: RuleInputs? = [.pageLinks]

    public static func check(_ context: CheckContext) -> [Diagnostic] {
        let pages = Dictionary(context.model.pages.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        var found: [Diagnostic] = []
        for page in context.model.pages {
            let folder = page.path.split(separator: "/").dropLast().joined(separator: "/")
            for link in page.links {
                let destination = link.destination
                if destination.isEmpty || destination.contains(":") || destination.hasPrefix("/") { continue }
                let parts = destination.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                let file = String(parts[0])
                let anchor = parts.count > 1 ? String(parts[1]) : nil
                var target = page
                if !file.isEmpty {
                    guard let path = PathUtilities.normalizeRelative(PathUtilities.join(folder, file)),
                          let linked = pages[path] else {
                        found.append(diagnostic("link target '\(file)' is not a page of this description", at: link.range,
                                                help: "link to one of the pages listed in apiref.yaml"))
                        continue
                    }
                    target = linked
                }
                if let anchor, !anchor.isEmpty, !target.anchors.contains(anchor) {
                    let suggestion = Spelling.closest(to: anchor, among: Array(target.anchors))
                    found.append(diagnostic("'\(target.path)' has no anchor '#\(anchor)'", at: link.range,
                                            label: suggestion.map { "did you mean '#\($0)'?" },
                                            help: suggestion.map { "change the anchor to '#\($0)'" }
                                                ?? "link to a heading slug or an endpoint id of that page"))
                }
            }
        }
        return found
    }
}
