/// A view model the templates can read. Fields are looked up by name in a static table rather
/// than through `Mirror`: reflection is slow on a big API and cannot tell a misspelt name from
/// an absent value.
protocol TemplateObject: TemplateScope, Sendable {
    static var fields: [String: @Sendable (Self) -> Any] { get }
}

extension TemplateObject {
    public func child(named name: String) -> Any? {
        Self.fields[name].map { $0(self) }
    }
}

/// The value of a field that is known but has nothing in it. Returning nil instead would make
/// Mustache look the name up in the enclosing objects and perhaps render *their* value (an
/// endpoint without a description would show the page's).
struct TemplateNull: Sendable {}

/// `value`, or the null marker when there is none.
func orNull(_ value: Any?) -> Any {
    value ?? TemplateNull()
}

/// The names templates asked for that no view model has. Mustache renders those as empty text;
/// the root of every page records them so that rendering can fail instead.
final class UnknownNames {
    private(set) var names: Set<String> = []

    func record(_ name: String) { names.insert(name) }
}

/// The object at the bottom of the context stack. A name missing everywhere climbs to it, so
/// what it does not know is unknown to every view model in scope.
struct TemplateRoot: TemplateScope {
    let layers: [any TemplateObject]
    let unknown: UnknownNames

    func child(named name: String) -> Any? {
        for layer in layers {
            if let value = layer.child(named: name) { return value }
        }
        unknown.record(name)
        return nil
    }
}
