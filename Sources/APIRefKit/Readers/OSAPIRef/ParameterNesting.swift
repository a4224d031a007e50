/// The keys that occur in an endpoint's samples, as a tree (arrays are entered element by
/// element, as the sample checker does).
final class SampleShape {
    /// Keyed by substrings so that lookups by a segment of a dotted name allocate nothing.
    private var children: [Substring: SampleShape] = [:]

    var isEmpty: Bool { children.isEmpty }

    /// Every key at any depth: a dotted name can only occur if each of its plain segments is
    /// one of them (the quick "no" for names the samples do not show).
    func keysAnywhere() -> Set<Substring> {
        // Sized first (counting is a walk; growing the set rehashed every key in it).
        var count = 0
        var counting = [self]
        while let shape = counting.popLast() {
            count += shape.children.count
            counting.append(contentsOf: shape.children.values)
        }
        var keys = Set<Substring>(minimumCapacity: count)
        var pending = [self]
        while let shape = pending.popLast() {
            for (key, child) in shape.children {
                keys.insert(key)
                pending.append(child)
            }
        }
        return keys
    }

    func add(_ value: JSONValue) {
        switch value.kind {
        case .object(let members):
            for member in members {
                let key = Substring(member.key)
                // Looked up once when the key is known (array elements repeat their keys).
                if let child = children[key] {
                    child.add(member.value)
                } else {
                    let child = SampleShape()
                    children[key] = child
                    child.add(member.value)
                }
            }
        case .array(let elements):
            for element in elements { add(element) }
        default:
            break
        }
    }

    /// Whether a dotted name occurs; a `{x}` segment matches any key not in `explained`.
    /// Called for every candidate place of every parameter, so segments are walked in place.
    func contains(_ name: String, explained: Set<String> = []) -> Bool {
        contains(name[...], explained: explained)
    }

    /// Whether `base.leaf` occurs (`leaf` when `base` is empty), without making that name:
    /// asked for every container a parameter could sit in.
    func contains(under base: String, _ leaf: String) -> Bool {
        base.isEmpty ? contains(leaf[...], explained: []) : contains(base[...], then: leaf[...], explained: [])
    }

    /// `rest` is the dotted name still to match, `next` a further one matched after it; nil
    /// once every segment matched.
    private func contains(_ rest: Substring?, then next: Substring? = nil, explained: Set<String>) -> Bool {
        guard let rest else {
            guard let next else { return true }
            return contains(next, explained: explained)
        }
        let dot = rest.utf8.firstIndex(of: UInt8(ascii: "."))
        let first = dot.map { rest[..<$0] } ?? rest
        let remaining = dot.map { rest[rest.utf8.index(after: $0)...] }
        if first.utf8.first == 0x7B, first.utf8.last == 0x7D {
            return children.contains {
                !explained.contains(String($0.key)) && $0.value.contains(remaining, then: next, explained: explained)
            }
        }
        return children[first]?.contains(remaining, then: next, explained: explained) ?? false
    }
}

/// Turns os-api-ref display names into the full dotted names the model uses.
///
/// os-api-ref tables are flat: nova lists the children of a top-level wrapper without its
/// prefix (`- server: server` then `- name: server_name`), writes `networks.uuid` for
/// `server.networks.uuid`, documents maps as `key`/`value` rows, and names a map key after a
/// path placeholder (`network_label`). Other trees write full dotted names, or list an
/// array's element fields right after the array. The rules, in order, for each body item:
///
/// 1. If the endpoint has samples, the first candidate place that the samples show wins.
///    Candidates: under the current container and its ancestors up to the top level, then
///    under any item placed before (most recent first).
/// 2. With samples but no match: a `key` row followed by a `value` row is a map entry
///    (`{key}`); an object or array named like a path placeholder whose container holds
///    keys nothing else explains is a map key (`{network_label}`); a plain name the samples
///    show one map level below an earlier item goes there (`log.{key}.errors`).
/// 3. Otherwise a dotted name is resolved under the innermost container that holds its
///    first segment (or kept as written); a plain name goes under the current container.
///
/// The current container starts as the first body item when it is an object or array (the
/// wrapper), and then follows each plain name: it is the parent of where that name went.
enum ParameterNesting {
    struct Item {
        let name: String
        let definition: ParameterDefinition?
    }

    static func normalize(_ items: [Item], shape: SampleShape?, placeholders: Set<String>) -> [String] {
        let evidence = shape.flatMap { $0.isEmpty ? nil : $0 }
        let keysInSamples = evidence?.keysAnywhere() ?? []
        // Only map-key rows ask for it: made on first use.
        lazy var explained = Set(items.map { String($0.name.split(ascii: ".").last ?? "") })
        var result: [String] = []
        var placed: [String] = []
        var placedSet = Set<String>()
        // Sized once: growing the set rehashed every path placed so far.
        result.reserveCapacity(items.count)
        placed.reserveCapacity(items.count)
        placedSet.reserveCapacity(items.count)
        var container = ""
        var sawBody = false
        var mapEntry: String?

        for (position, item) in items.enumerated() {
            guard item.definition.map({ $0.location == .body }) ?? true else {
                result.append(item.name)
                continue
            }
            let name = item.name
            let isDotted = name.utf8.contains(UInt8(ascii: "."))
            func firstContainer(_ matches: (String) -> Bool) -> String? {
                containers(from: container, placed: placed, firstWhere: matches)
            }
            func full(_ base: String, _ leaf: String = name) -> String { base.isEmpty ? leaf : base + "." + leaf }

            var chosen: String?
            if let entry = mapEntry, lastSegment(name) == "value" {
                chosen = entry
            }
            mapEntry = nil
            // Every candidate place ends in the name's segments: if the samples lack one, no
            // place under any container matches (most names the samples do not show end here,
            // instead of trying each container and earlier item in turn).
            let samplesMayShowName = !keysInSamples.isEmpty && Self.segments(of: name) {
                keysInSamples.contains($0) || ($0.utf8.first == UInt8(ascii: "{") && $0.utf8.last == UInt8(ascii: "}"))
            }
            if chosen == nil, let evidence {
                chosen = samplesMayShowName ? firstContainer { evidence.contains(under: $0, name) }.map { full($0) } : nil
                if chosen == nil, lastSegment(name) == "key", position + 1 < items.count,
                   lastSegment(items[position + 1].name) == "value" {
                    let base = isDotted ? parent(of: resolvedDotted(name, container: container, placed: placed, placedSet: placedSet))
                        : container
                    chosen = full(base, "{key}")
                    mapEntry = chosen
                } else if chosen == nil, !isDotted, placeholders.contains(name),
                          let type = item.definition?.type, type == .object || type == .array {
                    chosen = firstContainer { evidence.contains(full($0, "{\(name)}"), explained: explained) }
                        .map { full($0, "{\(name)}") }
                }
                if chosen == nil, !isDotted, samplesMayShowName {
                    // One map level down: nova's `log` (keyed by host) lists its entries'
                    // fields right after it.
                    chosen = firstContainer { $0 != container && !$0.isEmpty
                        && evidence.contains(full($0, "{key}." + name), explained: explained) }
                        .map { full($0, "{key}." + name) }
                }
            }
            if chosen == nil {
                chosen = isDotted ? resolvedDotted(name, container: container, placed: placed, placedSet: placedSet)
                    : full(container)
            }
            let path = chosen ?? name
            result.append(path)
            placed.append(path)
            placedSet.insert(path)
            if !isDotted { container = parent(of: path) }
            if !sawBody, !isDotted, let type = item.definition?.type, type == .object || type == .array,
               parent(of: path).isEmpty {
                container = path
            }
            sawBody = true
        }
        return result
    }

    /// The first of: the current container, its ancestors up to the top level, then earlier
    /// items (most recent first), that `matches`. Walked lazily: the first usually matches.
    /// A path met twice is simply tested twice (`matches` gives the same answer): remembering
    /// the paths seen made every walk hash each earlier item, quadratic in a long table.
    private static func containers(from container: String, placed: [String],
                                   firstWhere matches: (String) -> Bool) -> String? {
        var current: String? = container
        while let path = current {
            if matches(path) { return path }
            current = path.isEmpty ? nil : parent(of: path)
        }
        for path in placed.reversed() where matches(path) { return path }
        return nil
    }

    /// `a.b.c` under the first container that holds `a`, else as written.
    private static func resolvedDotted(_ name: String, container: String, placed: [String], placedSet: Set<String>) -> String {
        guard let first = name.split(ascii: ".").first else { return name }
        let holder = containers(from: container, placed: placed) {
            placedSet.contains($0.isEmpty ? String(first) : $0 + "." + first)
        }
        guard let holder, !holder.isEmpty else { return name }
        return holder + "." + name
    }

    /// Whether every non-empty dot-separated segment of `name` satisfies `test` (walked in
    /// place: this runs for every row of every list).
    private static func segments(of name: String, allSatisfy test: (Substring) -> Bool) -> Bool {
        let utf8 = name.utf8
        var start = utf8.startIndex
        var index = start
        while index < utf8.endIndex {
            if utf8[index] == UInt8(ascii: ".") {
                if start < index, !test(name[start..<index]) { return false }
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        return start == utf8.endIndex || test(name[start..<utf8.endIndex])
    }

    static func parent(of path: String) -> String {
        guard let dot = path.utf8.lastIndex(of: UInt8(ascii: ".")) else { return "" }
        return String(path[..<dot])
    }

    private static func lastSegment(_ name: String) -> Substring {
        // The last non-empty segment; the fast path covers names that do not end in a dot.
        guard name.utf8.last != UInt8(ascii: ".") else { return name.split(ascii: ".").last ?? Substring(name) }
        guard let dot = name.utf8.lastIndex(of: UInt8(ascii: ".")) else { return Substring(name) }
        return name[name.index(after: dot)...]
    }
}
