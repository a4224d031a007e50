import Foundation

/// A view model the templates can read. Fields are looked up by name in a static table rather
/// than through `Mirror`: reflection is slow on a big API and cannot tell a misspelt name from
/// an absent value. Each field gives a `TemplateValue`, typed when the table is compiled, so
/// rendering makes no dynamic casts.
protocol TemplateObject: TemplateScope, TemplateRepresentable, Sendable {
    static var fields: TemplateFields<Self> { get }
}

extension TemplateObject {
    func child(named name: TemplateName) -> TemplateValue? {
        Self.fields[name].map { $0(self) }
    }

    var templateValue: TemplateValue { .object(self) }
}

/// Something whose fields templates look up by name.
protocol TemplateScope: Sendable {
    func child(named name: TemplateName) -> TemplateValue?
}

/// A field name as templates hold it: hashed once, when the template is parsed, not at
/// every lookup (a page's rendering looks up tens of thousands of names).
struct TemplateName: Hashable, Sendable, ExpressibleByStringLiteral {
    let text: String
    private let hash: Int

    init(_ text: String) {
        self.text = text
        hash = text.hashValue
    }

    init(stringLiteral text: String) { self.init(text) }

    static func == (left: TemplateName, right: TemplateName) -> Bool { left.hash == right.hash && left.text == right.text }

    func hash(into hasher: inout Hasher) { hasher.combine(hash) }

    /// The hash itself, for tables that probe with it directly.
    var bucket: Int { hash }
}

/// A view model type's fields by name, each reading the field from a value. An open-addressed
/// table probed with the names' own hashes: a `Dictionary` would run a seeded hasher over
/// that hash at every lookup, which was most of the cost of looking a name up.
final class TemplateFields<Object>: Sendable {
    private let slots: [(name: TemplateName, read: @Sendable (Object) -> TemplateValue)?]
    private let mask: Int
    /// The names, in no particular order.
    let names: [String]

    init(_ fields: [TemplateName: @Sendable (Object) -> TemplateValue]) {
        var capacity = 4
        while capacity < fields.count * 2 { capacity *= 2 }
        var slots = [(name: TemplateName, read: @Sendable (Object) -> TemplateValue)?](repeating: nil, count: capacity)
        for (name, read) in fields {
            var index = name.bucket & (capacity - 1)
            while slots[index] != nil { index = (index + 1) & (capacity - 1) }
            slots[index] = (name, read)
        }
        self.slots = slots
        mask = capacity - 1
        names = fields.keys.map(\.text)
    }

    subscript(name: TemplateName) -> (@Sendable (Object) -> TemplateValue)? {
        var index = name.bucket & mask
        while let slot = slots[index] {
            if slot.name == name { return slot.read }
            index = (index + 1) & mask
        }
        return nil
    }
}

/// A value as templates see it.
enum TemplateValue: Sendable {
    case text(String)
    case bool(Bool)
    case number(Int)
    /// A field that is known but has nothing in it. A missing field (nil) would make Mustache
    /// look the name up in the enclosing objects and perhaps render *their* value (an endpoint
    /// without a description would show the page's).
    case null
    case object(any TemplateScope)
    case list([TemplateValue])
    /// A list that every page shows the same (the version picker's options): its section's
    /// output is made once and copied into the other pages (`SharedList`).
    case shared(SharedList)

    init(_ value: some TemplateRepresentable) { self = value.templateValue }
}

extension TemplateValue {
    /// Text, a number, a truth value or null: a value that compares.
    var isScalar: Bool {
        switch self {
        case .text, .bool, .number, .null: true
        case .object, .list, .shared: false
        }
    }

    /// Two scalar values are the same (objects and lists never are).
    static func sameScalar(_ left: TemplateValue, _ right: TemplateValue) -> Bool {
        switch (left, right) {
        case (.text(let a), .text(let b)): a == b
        case (.bool(let a), .bool(let b)): a == b
        case (.number(let a), .number(let b)): a == b
        case (.null, .null): true
        default: false
        }
    }
}

/// A view model whose sections `serve` keeps the output of, by a key of everything it shows. Its fields are made only when a section is rendered, so a kept one costs
/// neither its view model nor its rendering. A section's output is kept with the names its
/// body found outside the fragment (a theme may show the page's title inside an endpoint):
/// it is used again only while those read the same, and not kept when one is an object or a
/// list, whose contents a key does not cover.
final class TemplateFragment: TemplateScope, TemplateRepresentable, @unchecked Sendable {
    let fragmentKey: Int
    private let make: () -> any TemplateObject
    /// Made on the first lookup; one page's renderer (one thread) asks.
    private var made: (any TemplateObject)?

    init(key: Int, make: @escaping () -> any TemplateObject) {
        fragmentKey = key
        self.make = make
    }

    var object: any TemplateObject {
        if let made { return made }
        let object = make()
        made = object
        return object
    }

    func child(named name: TemplateName) -> TemplateValue? { object.child(named: name) }

    var templateValue: TemplateValue { .object(self) }
}

/// A list shown the same on every page. A section over it keeps its output, with the names the
/// section's body found outside the list and their values (as a fragment's are kept): another
/// page whose names read the same gets the kept bytes instead of rendering the list again. A
/// name that is an object, a list or nothing keeps nothing. Pages render on several threads.
final class SharedList: @unchecked Sendable {
    let elements: [TemplateValue]
    private let lock = NSLock()
    private var outputs: [Int: RenderedFragment] = [:]

    init(_ elements: [TemplateValue]) { self.elements = elements }

    /// The output kept for section `key`, if any.
    func kept(_ key: Int) -> RenderedFragment? { lock.withLock { outputs[key] } }

    func keep(_ key: Int, _ output: RenderedFragment) { lock.withLock { outputs[key] = output } }
}

/// The output of a kept section (a fragment's or a shared list's), and the names it found
/// outside the section with their values.
struct RenderedFragment {
    let bytes: [UInt8]
    let outerLookups: [(name: TemplateName, value: TemplateValue)]
}

/// Types a view model field can hold.
protocol TemplateRepresentable {
    var templateValue: TemplateValue { get }
}

extension TemplateValue: TemplateRepresentable {
    var templateValue: TemplateValue { self }
}

extension String: TemplateRepresentable {
    var templateValue: TemplateValue { .text(self) }
}

extension Bool: TemplateRepresentable {
    var templateValue: TemplateValue { .bool(self) }
}

extension Int: TemplateRepresentable {
    var templateValue: TemplateValue { .number(self) }
}

extension Optional: TemplateRepresentable where Wrapped: TemplateRepresentable {
    var templateValue: TemplateValue { map(\.templateValue) ?? .null }
}

extension Array: TemplateRepresentable where Element: TemplateRepresentable {
    var templateValue: TemplateValue { .list(map(\.templateValue)) }
}

/// `value`, or null when there is none (kept for readability in field tables).
func orNull(_ value: (some TemplateRepresentable)?) -> TemplateValue {
    value.templateValue
}

/// The names templates asked for that no view model has. Mustache renders those as empty text;
/// the root of every page records them so that rendering can fail instead.
final class UnknownNames: @unchecked Sendable {
    private(set) var names: Set<String> = []

    func record(_ name: String) { names.insert(name) }
}

/// The object at the bottom of the context stack. A name missing everywhere climbs to it, so
/// what it does not know is unknown to every view model in scope.
struct TemplateRoot: TemplateScope {
    let layers: [any TemplateObject]
    let unknown: UnknownNames

    func child(named name: TemplateName) -> TemplateValue? {
        for layer in layers {
            if let value = layer.child(named: name) { return value }
        }
        unknown.record(name.text)
        return nil
    }
}
