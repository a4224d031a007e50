/// Renders an `APIDiff` for people (text), programs (JSON) and release notes (Markdown).
public enum DiffReport {
    public static func text(_ diff: APIDiff) -> String {
        var lines = ["API changes from \(diff.from) to \(diff.to)"]
        if diff.isEmpty { return lines[0] + ": none\n" }
        for endpoint in diff.addedEndpoints { lines.append("  + \(endpoint.signature)  (\(endpoint.title))") }
        for endpoint in diff.removedEndpoints { lines.append("  - \(endpoint.signature)  (\(endpoint.title))\(mark(true))") }
        for changed in diff.changedEndpoints {
            lines.append("  ~ \(changed.endpoint.signature)")
            for change in changed.fields {
                let sign = switch change.kind { case .added: "+"; case .removed: "-"; case .changed: "~" }
                lines.append("      \(sign) \(change.summary)\(mark(change.isBreaking))")
            }
        }
        let breaking = diff.breakingChanges.count
        lines.append("\(diff.addedEndpoints.count) endpoints added, \(diff.removedEndpoints.count) removed, "
                     + "\(diff.changedEndpoints.count) changed; \(breaking) breaking change\(breaking == 1 ? "" : "s")")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func mark(_ breaking: Bool) -> String { breaking ? "  [breaking]" : "" }

    public static func markdown(_ diff: APIDiff, title: String) -> String {
        var out = "## \(title): changes from \(diff.from) to \(diff.to)\n\n"
        if diff.isEmpty { return out + "No changes.\n" }
        if !diff.breakingChanges.isEmpty {
            out += "### Breaking changes\n\n" + diff.breakingChanges.map { "- \(code($0))\n" }.joined() + "\n"
        }
        if !diff.addedEndpoints.isEmpty {
            out += "### New endpoints\n\n" + diff.addedEndpoints.map { "- `\($0.signature)`: \($0.title)\n" }.joined() + "\n"
        }
        if !diff.removedEndpoints.isEmpty {
            out += "### Removed endpoints\n\n" + diff.removedEndpoints.map { "- `\($0.signature)`: \($0.title)\n" }.joined() + "\n"
        }
        if !diff.changedEndpoints.isEmpty {
            out += "### Changed endpoints\n\n"
            for changed in diff.changedEndpoints {
                out += "- `\(changed.endpoint.signature)`\n"
                out += changed.fields.map { "  - \(code($0.summary))\($0.isBreaking ? " (breaking)" : "")\n" }.joined()
            }
        }
        return out
    }

    /// Quoted names as inline code: 'server.name' -> `server.name`.
    private static func code(_ text: String) -> String {
        var out = ""
        var open = false
        for character in text {
            if character == "'" { out += "`"; open.toggle() } else { out.append(character) }
        }
        return open ? text : out
    }

    public static func json(_ diff: APIDiff) -> String {
        func endpoint(_ endpoint: Endpoint) -> JSONOutput {
            .object([("method", .string(endpoint.method)), ("path", .string(endpoint.path.value)),
                     ("title", .string(endpoint.title)), ("id", .string(endpoint.id))])
        }
        let changed: [JSONOutput] = diff.changedEndpoints.map { item in
            guard case .object(var members) = endpoint(item.endpoint) else { return .null }
            members.append(("changes", .array(item.fields.map { change in
                var fields: [(String, JSONOutput)] = [
                    ("direction", .string(change.direction.rawValue)), ("in", .string(change.location.rawValue)),
                    ("name", .string(change.name)),
                ]
                fields.append(("change", .string(change.kind.rawValue)))
                if change.kind == .changed { fields.append(("details", .array(change.details.map { .string($0) }))) }
                fields.append(("breaking", .bool(change.isBreaking)))
                return .object(fields)
            })))
            return .object(members)
        }
        return JSONOutput.object([
            ("from", .string(diff.from.description)), ("to", .string(diff.to.description)),
            ("added_endpoints", .array(diff.addedEndpoints.map(endpoint))),
            ("removed_endpoints", .array(diff.removedEndpoints.map(endpoint))),
            ("changed_endpoints", .array(changed)),
            ("breaking", .array(diff.breakingChanges.map { .string($0) })),
        ]).serialized(pretty: true) + "\n"
    }
}
