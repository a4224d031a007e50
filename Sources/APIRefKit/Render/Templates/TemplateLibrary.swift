/// The parsed templates of a theme, by name; any template is a partial of the others.
struct TemplateLibrary: Sendable {
    let templates: [String: Template]

    /// The deepest partials may nest: recursion ends with the data (a tree), a cycle does not.
    static let maxPartialDepth = 32

    /// Renders template `name` with `root` at the bottom of the context stack: its UTF-8, or
    /// nil when the library has no such template.
    /// `fragments` (`serve`) keeps the output of sections entered with a `TemplateFragment`.
    /// `expectedSize`: about how many bytes the output will have (the last render's), so that
    /// it is not grown (and copied) on the way.
    func renderBytes(_ root: TemplateRoot, template name: String, fragments: RenderMemo? = nil,
                     expectedSize: Int = 32 * 1024) throws(RenderError) -> [UInt8]? {
        guard let template = templates[name] else { return nil }
        var renderer = TemplateRenderer(library: self, root: root, fragments: fragments, capacity: expectedSize)
        renderer.partials = [name]
        renderer.render(template.nodes)
        if let chain = renderer.tooDeep {
            throw RenderError("partials nest deeper than \(Self.maxPartialDepth) levels: "
                + chain.prefix(4).map { "'\($0)'" }.joined(separator: " > ") + " > ...")
        }
        return renderer.output.bytes
    }

    /// `renderBytes` as text.
    func render(_ root: TemplateRoot, template name: String, fragments: RenderMemo? = nil) throws(RenderError) -> String? {
        try renderBytes(root, template: name, fragments: fragments).map { String(decoding: $0, as: UTF8.self) }
    }
}

extension TemplateName {
    /// `{{.}}`: the innermost value itself.
    static let current = TemplateName(".")
}

extension TemplateValue {
    /// Mustache's truth: false, null, and empty lists are false; everything else (also empty
    /// text) is true.
    var isTruthy: Bool {
        switch self {
        case .bool(let bool): return bool
        case .null: return false
        case .list(let elements): return !elements.isEmpty
        case .shared(let list): return !list.elements.isEmpty
        case .text, .number, .object: return true
        }
    }
}

private struct TemplateRenderer {
    let library: TemplateLibrary
    let fragments: RenderMemo?
    /// While a fragment is rendered to be kept: the level of its object in the stack, and the
    /// names its body found below that level, with their values (nil once one is found that
    /// cannot be compared: an object, a list, or nothing at all).
    private var fragmentFloor: Int?
    private var outerLookups: [(name: TemplateName, value: TemplateValue)]? = []
    /// The context: values entered by sections, innermost last.
    private var stack: [TemplateValue]
    private(set) var output: ByteWriter
    /// The partials being rendered, outermost first; `tooDeep` keeps the chain that went past
    /// the limit (rendering then stops).
    var partials: [String] = []
    private(set) var tooDeep: [String]?

    init(library: TemplateLibrary, root: TemplateRoot, fragments: RenderMemo?, capacity: Int) {
        self.library = library
        self.fragments = fragments
        self.stack = [.object(root)]
        output = ByteWriter(capacity: capacity)
    }

    mutating func render(_ nodes: [Template.Node]) {
        for node in nodes where tooDeep == nil {
            switch node {
            case .text(let text):
                output.append(text)
            case .variable(let path, let escaped):
                append(lookup(path), escaped: escaped)
            case .section(let path, let inverted, let body, let ordinal):
                let value = lookup(path)
                if inverted {
                    if !value.isTruthy { render(body) }
                    continue
                }
                switch value {
                case .bool(true): render(body)
                case .bool(false), .null: continue
                case .list(let elements):
                    for element in elements { within(element, body) }
                case .shared(let list):
                    withinShared(list, body, ordinal: ordinal)
                case .object(let scope) where fragments != nil && fragmentFloor == nil:
                    // Cast only with a memo (`serve`): a dynamic cast costs about as much as
                    // rendering the section's text.
                    if let fragment = scope as? TemplateFragment {
                        withinFragment(fragment, body, ordinal: ordinal)
                    } else {
                        within(value, body)
                    }
                case .text, .number, .object: within(value, body)
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
                    output = ByteWriter()
                    render(template.nodes)
                    let inner = output.text(from: 0)
                    output = outer
                    Self.indent(inner, by: indentation, into: output)
                }
            }
        }
    }

    private mutating func within(_ value: TemplateValue, _ body: [Template.Node]) {
        stack.append(value)
        render(body)
        stack.removeLast()
    }

    /// A section entered with a fragment: its output as kept from an earlier render when the
    /// fragment's key and the names it found outside it are the same, else rendered and kept
    /// (unless it found there something that cannot be compared).
    private mutating func withinFragment(_ fragment: TemplateFragment, _ body: [Template.Node], ordinal: Int) {
        guard let fragments else { return within(.object(fragment), body) }
        let key = sectionKey(ordinal: ordinal, fragment.fragmentKey)
        if let kept = fragments.fragment(key), readTheSame(kept.outerLookups) {
            kept.bytes.withUnsafeBufferPointer { output.append($0) }
            return
        }
        if let rendered = renderNotingOuterNames({ $0.within(.object(fragment), body) }) {
            fragments.keepFragment(key, rendered)
        }
    }

    /// A section over a list every page shows the same: its output as kept from another page
    /// when the names its body found outside the list read the same here, else rendered (and
    /// kept, unless it found there something that cannot be compared). Within a fragment that
    /// is being kept, rendered as any list.
    private mutating func withinShared(_ list: SharedList, _ body: [Template.Node], ordinal: Int) {
        func renderElements(_ renderer: inout TemplateRenderer) {
            for element in list.elements { renderer.within(element, body) }
        }
        guard fragmentFloor == nil else { return renderElements(&self) }
        let key = sectionKey(ordinal: ordinal)
        if let kept = list.kept(key), readTheSame(kept.outerLookups) {
            kept.bytes.withUnsafeBufferPointer { output.append($0) }
            return
        }
        if let rendered = renderNotingOuterNames(renderElements) {
            list.keep(key, rendered)
        }
    }

    /// A kept section's name: the template it is in, its place there, and what else tells it
    /// apart (a fragment's key).
    private func sectionKey(ordinal: Int, _ extra: Int = 0) -> Int {
        var hasher = Hasher()
        hasher.combine(extra)
        hasher.combine(partials.last)
        hasher.combine(ordinal)
        return hasher.finalize()
    }

    /// Whether the names a kept output found outside its section read the same here.
    private mutating func readTheSame(_ lookups: [(name: TemplateName, value: TemplateValue)]) -> Bool {
        lookups.allSatisfy { TemplateValue.sameScalar(lookup([$0.name]), $0.value) }
    }

    /// Renders a section (`render`), noting the names its body finds outside it with their
    /// values: its output, to be kept, or nil when it found there something that cannot be
    /// compared (an object, a list, nothing) or rendering stopped.
    private mutating func renderNotingOuterNames(_ render: (inout TemplateRenderer) -> Void) -> RenderedFragment? {
        let start = output.count
        fragmentFloor = stack.count
        outerLookups = []
        render(&self)
        let lookups = outerLookups
        fragmentFloor = nil
        guard tooDeep == nil, let lookups else { return nil }
        return RenderedFragment(bytes: output.bytes(from: start), outerLookups: lookups)
    }

    /// The value of a dotted name: the first segment is looked up from the innermost value
    /// outwards (reaching `TemplateRoot`, which records names nothing has), the rest inside it.
    private mutating func lookup(_ path: [TemplateName]) -> TemplateValue {
        var value: TemplateValue = .null
        if path[0] == TemplateName.current {
            value = stack[stack.count - 1]
        } else {
            var level = stack.count - 1
            var found = false
            while level >= 0 {
                if case .object(let scope) = stack[level], let child = scope.child(named: path[0]) {
                    value = child
                    found = true
                    break
                }
                level -= 1
            }
            if let floor = fragmentFloor, level < floor {
                if found, value.isScalar { outerLookups?.append((path[0], value)) } else { outerLookups = nil }
            }
        }
        var index = 1
        while index < path.count {
            guard case .object(let scope) = value else { return .null }
            value = scope.child(named: path[index]) ?? .null
            index += 1
        }
        return value
    }

    private mutating func append(_ value: TemplateValue, escaped: Bool) {
        let text: String
        switch value {
        case .text(let string): text = string
        case .null: return
        case .bool(let bool): text = bool ? "true" : "false"
        case .number(let number): text = String(number)
        case .object(let object): text = String(describing: object)
        case .list(let elements): text = String(describing: elements)
        case .shared(let list): text = String(describing: list.elements)
        }
        if escaped { output.appendEscapingHTML(text) } else { output.append(text) }
    }

    /// Every line of a standalone partial gets the blanks its tag was indented by.
    private static func indent(_ text: String, by indentation: String, into output: ByteWriter) {
        for (offset, line) in text.split(ascii: "\n", omittingEmptySubsequences: false).enumerated() {
            if offset > 0 { output.append(UInt8(ascii: "\n")) }
            if !line.isEmpty { output.append(indentation) }
            output.append(line)
        }
    }
}
