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

/// A looked-up value sorted once into what rendering needs: each dynamic cast costs, and on
/// a big API the renderer makes millions of lookups.
private enum Resolved {
    case text(String)
    case bool(Bool)
    case null
    case list([Any])
    case scope(Any, TemplateScope)
    case other(Any)

    init(_ value: Any?) {
        guard let value else { self = .null; return }
        if let string = value as? String { self = .text(string) }
        else if let bool = value as? Bool { self = .bool(bool) }
        else if value is TemplateNull { self = .null }
        else if let scope = value as? TemplateScope { self = .scope(value, scope) }
        else if let sequence = value as? any TemplateSequence { self = .list(sequence.templateElements) }
        else if let optional = value as? any TemplateOptional { self = Resolved(optional.templateWrapped) }
        else { self = .other(value) }
    }

    /// Mustache's truth: false, null, and empty lists are false; everything else (also empty
    /// text) is true.
    var isTruthy: Bool {
        switch self {
        case .bool(let bool): return bool
        case .null: return false
        case .list(let elements): return !elements.isEmpty
        case .text, .scope, .other: return true
        }
    }
}

private struct TemplateRenderer {
    let library: TemplateLibrary
    /// The context: values entered by sections, innermost last, with their lookup scope.
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
                append(lookup(path), escaped: escaped)
            case .section(let path, let inverted, let body):
                let value = lookup(path)
                if inverted {
                    if !value.isTruthy { render(body) }
                    continue
                }
                switch value {
                case .bool(true): render(body)
                case .bool(false), .null: continue
                case .list(let elements):
                    for element in elements {
                        let resolved = Resolved(element)
                        switch resolved {
                        case .scope(let object, let scope): within(object, scope, body)
                        case .text(let text): within(text, nil, body)
                        default: within(element, nil, body)
                        }
                    }
                case .scope(let object, let scope): within(object, scope, body)
                case .text(let text): within(text, nil, body)
                case .other(let object): within(object, nil, body)
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

    private mutating func within(_ value: Any, _ scope: TemplateScope?, _ body: [Template.Node]) {
        stack.append((value, scope))
        render(body)
        stack.removeLast()
    }

    /// The value of a dotted name: the first segment is looked up from the innermost value
    /// outwards (reaching `TemplateRoot`, which records names nothing has), the rest inside it.
    private func lookup(_ path: [String]) -> Resolved {
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
        var resolved = Resolved(value)
        var index = 1
        while index < path.count {
            guard case .scope(_, let scope) = resolved else { return .null }
            resolved = Resolved(scope.child(named: path[index]))
            index += 1
        }
        return resolved
    }

    private mutating func append(_ value: Resolved, escaped: Bool) {
        let text: String
        switch value {
        case .text(let string): text = string
        case .null: return
        case .bool(let bool): text = bool ? "true" : "false"
        case .list(let elements): text = String(describing: elements)
        case .scope(let object, _), .other(let object): text = (object as? Int).map(String.init) ?? String(describing: object)
        }
        if escaped { HTML.escape(text, into: &output) } else { output += text }
    }

    /// Every line of a standalone partial gets the blanks its tag was indented by.
    private static func indent(_ text: String, by indentation: String, into output: inout String) {
        for (offset, line) in text.split(ascii: "\n", omittingEmptySubsequences: false).enumerated() {
            if offset > 0 { output += "\n" }
            if !line.isEmpty { output += indentation }
            output += line
        }
    }
}
