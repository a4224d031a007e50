/// Where a reference in prose leads, as the reader resolved it.
enum RSTLinkTarget: Hashable {
    /// An external URL.
    case url(String)
    /// A page of the description (root-relative path) and an anchor on it.
    case page(String, anchor: String?, title: String)
}

/// What inline conversion needs from the rest of the reader: reference resolution, link
/// bookkeeping and warnings.
protocol RSTInlineContext: AnyObject {
    func namedTarget(_ name: String) -> RSTLinkTarget?
    func nextAnonymousTarget() -> String?
    func label(_ name: String) -> RSTLinkTarget?
    func document(_ path: String) -> RSTLinkTarget?
    func substitution(_ name: String) -> String?
    /// The destination to write for a page target, relative to the page being written.
    func destination(of target: RSTLinkTarget) -> String
    func recordLink(_ destination: String, at range: SourceRange)
    func unsupported(_ what: String, at range: SourceRange)
    func unresolved(_ what: String, at range: SourceRange)
    var file: String { get }
}

/// A context for escaping text that has no references.
final class NullContext: RSTInlineContext {
    func namedTarget(_ name: String) -> RSTLinkTarget? { nil }
    func nextAnonymousTarget() -> String? { nil }
    func label(_ name: String) -> RSTLinkTarget? { nil }
    func document(_ path: String) -> RSTLinkTarget? { nil }
    func substitution(_ name: String) -> String? { nil }
    func destination(of target: RSTLinkTarget) -> String { "" }
    func recordLink(_ destination: String, at range: SourceRange) {}
    func unsupported(_ what: String, at range: SourceRange) {}
    func unresolved(_ what: String, at range: SourceRange) {}
    var file: String { "" }
}
