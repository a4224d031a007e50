/// A `MAJOR.MINOR` API microversion. Both parts are integers compared numerically, so
/// `2.100 > 2.99 > 2.9` (never as decimals or strings).
public struct Microversion: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let major: Int
    public let minor: Int

    public init(_ major: Int, _ minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// Parses `"2.53"`. Rejects signs, spaces, empty parts, extra parts and absurd lengths.
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2,
              let major = Self.parsePart(parts[0]),
              let minor = Self.parsePart(parts[1])
        else { return nil }
        self.init(major, minor)
    }

    private static func parsePart(_ part: some StringProtocol) -> Int? {
        // Nine digits is far beyond any real API and keeps Int parsing overflow-free.
        guard !part.isEmpty, part.count <= 9, part.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
        else { return nil }
        return Int(part)
    }

    public static func < (lhs: Microversion, rhs: Microversion) -> Bool {
        (lhs.major, lhs.minor) < (rhs.major, rhs.minor)
    }

    public var description: String { "\(major).\(minor)" }
}

/// An inclusive window of microversions; a missing bound is open.
public struct VersionRange: Hashable, Sendable, CustomStringConvertible {
    public let min: Microversion?
    public let max: Microversion?

    public init(min: Microversion? = nil, max: Microversion? = nil) {
        self.min = min
        self.max = max
    }

    public static let unbounded = VersionRange()

    public func contains(_ version: Microversion) -> Bool {
        if let min, version < min { return false }
        if let max, version > max { return false }
        return true
    }

    /// True when `other` lies entirely inside this window.
    public func contains(_ other: VersionRange) -> Bool {
        switch (min, other.min) {
        case (let a?, let b?) where b < a: return false
        case (_?, nil): return false
        default: break
        }
        switch (max, other.max) {
        case (let a?, let b?) where b > a: return false
        case (_?, nil): return false
        default: break
        }
        return true
    }

    public func overlaps(_ other: VersionRange) -> Bool {
        if let max, let otherMin = other.min, otherMin > max { return false }
        if let min, let otherMax = other.max, otherMax < min { return false }
        return true
    }

    /// This window with open bounds filled in from `outer` (an endpoint inherits the API's).
    public func bounded(by outer: VersionRange) -> VersionRange {
        VersionRange(min: min ?? outer.min, max: max ?? outer.max)
    }

    public var isEmpty: Bool {
        if let min, let max { return min > max }
        return false
    }

    public var description: String {
        switch (min, max) {
        case (nil, nil): return "all versions"
        case (let a?, nil): return "\(a) and later"
        case (nil, let b?): return "up to \(b)"
        case (let a?, let b?): return a == b ? "\(a) only" : "\(a) to \(b)"
        }
    }
}
