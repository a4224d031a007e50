/// One page of the model as a native Markdown page: prose as is (links to other pages point
/// at their `.md` files), each endpoint as a title and an `endpoint` block followed by its
/// description.
struct NativePageWriter {
    let page: Page
    let layout: NativeLayout
    let project: Project

    func markdown() -> String {
        var parts: [String] = []
        var hasTitle = false
        for block in page.blocks {
            switch block {
            case .prose(let text):
                if text.text.hasPrefix("# ") { hasTitle = true }
                parts.append(Self.retargetingLinks(text.text))
            case .endpoint(let index):
                let endpoint = page.endpoints[index]
                parts.append("## " + RSTInline.escaped(endpoint.title))
                parts.append(endpointBlock(endpoint))
                if let description = endpoint.description { parts.append(Self.retargetingLinks(description.text)) }
            }
        }
        if !hasTitle { parts.insert("# " + RSTInline.escaped(page.title), at: 0) }
        return parts.joined(separator: "\n\n") + "\n"
    }

    private func endpointBlock(_ endpoint: Endpoint) -> String {
        var lines = ["```endpoint", "id: \(YAMLText.scalar(endpoint.id))", "method: \(endpoint.method)",
                     "path: \(YAMLText.scalar(endpoint.path.value))", "title: \(YAMLText.scalar(endpoint.title))"]
        if let min = endpoint.versions.min { lines.append("min_version: \(YAMLText.quoted(min.description))") }
        if let max = endpoint.versions.max { lines.append("max_version: \(YAMLText.quoted(max.description))") }
        if !endpoint.successCodes.isEmpty || !endpoint.errorCodes.isEmpty {
            lines.append("status:")
            for (name, codes) in [("success", endpoint.successCodes), ("error", endpoint.errorCodes)] where !codes.isEmpty {
                lines.append("  \(name):")
                lines += codes.map { code in
                    code.reason.map { "    - \(code.code): \(YAMLText.quoted($0))" } ?? "    - \(code.code)"
                }
            }
        }
        for (name, references) in [("request", endpoint.request), ("response", endpoint.response)] where !references.isEmpty {
            lines.append("\(name):")
            lines += references.map { "  - \(YAMLText.scalar($0.name)): \(YAMLText.scalar($0.key))" }
        }
        if !endpoint.samples.isEmpty {
            lines.append("samples:")
            for sample in endpoint.samples {
                if let caption = sample.caption { lines.append("  # " + caption.replacingOccurrences(of: "\n", with: " ")) }
                lines.append("  - \(sample.direction.rawValue): \(YAMLText.scalar(layout.sample(sample.path)))")
                if sample.versionSource == .explicit { lines.append("    version: \(YAMLText.quoted(sample.version.description))") }
            }
        }
        lines.append("```")
        return lines.joined(separator: "\n")
    }

    /// `[text](servers.inc#anchor)` -> `[text](servers.md#anchor)`: links between pages keep
    /// their relative paths, since pages/ mirrors the source folder.
    static func retargetingLinks(_ markdown: String) -> String {
        guard markdown.contains(".inc") || markdown.contains(".rst") else { return markdown }
        var result = ""
        var rest = Substring(markdown)
        while let open = rest.range(of: "](") {
            result += rest[..<open.upperBound]
            rest = rest[open.upperBound...]
            let end = rest.firstIndex { $0 == ")" || $0 == "#" || $0 == " " } ?? rest.endIndex
            let destination = rest[..<end]
            if !destination.contains(":"), destination.hasSuffix(".inc") || destination.hasSuffix(".rst") {
                result += destination.dropLast(4) + ".md"
                rest = rest[end...]
            }
        }
        return result + rest
    }
}
