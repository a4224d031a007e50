/// The parsed templates of a theme, by name; any template is a partial of the others.
struct TemplateLibrary: Sendable {
    let templates: [String: Template]

    /// The deepest partials may nest: recursion ends with the data (a tree), a cycle does not.
    static let maxPartialDepth = 32

    /// Renders template `name` with `root` at the bottom of the context stack; nil when the
    /// library has no such template.
    func render(_ root: TemplateRoot, template name: String) throws(RenderError) -> String? {
        guard let template = templates[name] else { return nil }
        var renderer = TemplateRenderer(library: self, root: root)
        renderer.partials = [name]
        renderer.render(template.nodes)
        if let chain = renderer.tooDeep {
            throw RenderError("partials nest deeper than \(Self.maxPartialDepth) levels: "
                + chain.prefix(4).map { "'\($0)'" }.joined(separator: " > ") + " > ...")
        }
        return renderer.output
    }
}

/// Names looked up by templates resolve to the values view models return (`Any`): text,
/// booleans, numbers, view models, arrays of them, or `TemplateNull`.
protocol TemplateScope {
    func child(named name: String) -> Any?
}

/// Arrays of any element type, for sections: `{{#rows}}…{{/rows}}` repeats per element.
protocol TemplateSequence {
    var templateElements: [Any] { get }
}

extension Array: TemplateSequence {
    var templateElements: [Any] { map { $0 } }
}

/// An `Optional` seen through `Any` (a view model field left as `String?`).
private protocol TemplateOptional {
    var templateWrapped: Any? { get }
}

extension Optional: TemplateOptional {
    fileprivate var templateWrapped: Any? { self.map { $0 } }
}

private struct TemplateRenderer {
    let library: TemplateLibrary
    /// The context: values entered by sections, innermost last, with their lookup scope
    /// (cast once when entered rather than at every lookup).
    private var stack: [(value: Any, scope: TemplateScope?)]
    private(set) var output = ""
    /// The partials being rendered, outermost first; `tooDeep` keeps the chain that went past
    /// the limit (rendering then stops).
    var partials: [String] = []
    private(set) var tooDeep: [String]?

    init(library: TemplateLibrary, root: TemplateRoot) {
        self.library = library
        self.stack = [(root, root)]
        output.reserveCapacity(32 * 1024)
    }

    mutating func render(_ nodes: [Template.Node]) {
        for node in nodes where tooDeep == nil {
            switch node {
            case .text(let text):
                output += text
            case .variable(let path, let escaped):
                guard let value = lookup(path) else { continue }
                append(value, escaped: escaped)
            case .section(let path, let inverted, let body):
                let value = lookup(path)
                if inverted {
                    if !Self.isTruthy(value) { render(body) }
                    continue
                }
                guard let value, Self.isTruthy(value) else { continue }
                if value is Bool {
                    render(body)
                } else if let sequence = value as? any TemplateSequence {
                    for element in sequence.templateElements { within(element, body) }
                } else {
                    within(value, body)
                }
            case .partial(let name, let indentation):
                guard let template = library.templates[name] else { continue }
                guard partials.count <= TemplateLibrary.maxPartialDepth else {
                    tooDeep = partials
                    return
                }
                partials.append(name)
                defer { partials.removeLast() }
                if indentation.isEmpty {
                    render(template.nodes)
                } else {
                    let outer = output
                    output = ""
                    render(template.nodes)
                    let inner = output
                    output = outer
                    Self.indent(inner, by: indentation, into: &output)
                }
            }
        }
    }

    private mutating func within(_ value: Any, _ body: [Template.Node]) {
        stack.append((value, value as? TemplateScope))
        render(body)
        stack.removeLast()
    }

    /// The value of a dotted name: the first segment is looked up from the innermost value
    /// outwards (reaching `TemplateRoot`, which records names nothing has), the rest inside it.
    private func lookup(_ path: [String]) -> Any? {
        var value: Any?
        if path[0] == "." {
            value = stack[stack.count - 1].value
        } else {
            for entry in stack.reversed() {
                if let found = entry.scope?.child(named: path[0]) {
                    value = found
                    break
                }
            }
        }
        var index = 1
        while index < path.count, let current = value {
            value = (Self.unwrapped(current) as? TemplateScope)?.child(named: path[index])
            index += 1
        }
        return value.flatMap(Self.unwrapped)
    }

    private static func unwrapped(_ value: Any) -> Any? {
        if let optional = value as? any TemplateOptional { return optional.templateWrapped.flatMap(unwrapped) }
        return value
    }

    /// Mustache's truth: false, null, and empty lists are false; everything else (also empty
    /// text) is true.
    private static func isTruthy(_ value: Any?) -> Bool {
        guard let value else { return false }
        switch value {
        case let bool as Bool: return bool
        case is TemplateNull: return false
        case let sequence as any TemplateSequence: return !sequence.templateElements.isEmpty
        default: return true
        }
    }

    private mutating func append(_ value: Any, escaped: Bool) {
        let text: String
        switch value {
        case let string as String: text = string
        case is TemplateNull: return
        case let bool as Bool: text = bool ? "true" : "false"
        case let number as Int: text = String(number)
        default: text = String(describing: value)
        }
        if escaped { HTML.escape(text, into: &output) } else { output += text }
    }

    /// Every line of a standalone partial gets the blanks its tag was indented by.
    private static func indent(_ text: String, by indentation: String, into output: inout String) {
        var atLineStart = true
        for line in text.split(ascii: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.offset > 0 { output += "\n"; atLineStart = true }
            if atLineStart, !line.element.isEmpty { output += indentation }
            output += line.element
            atLineStart = false
        }
    }
}
