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
    /// By byte: every sample's folder (`v2.47`) and every range is parsed, and splitting by
    /// character was most of it.
    public init?(_ text: some StringProtocol) {
        let utf8 = text.utf8
        guard let dot = utf8.firstIndex(of: UInt8(ascii: ".")),
              let major = Self.parsePart(utf8[..<dot]),
              let minor = Self.parsePart(utf8[utf8.index(after: dot)...])
        else { return nil }
        self.init(major, minor)
    }

    /// One to nine ASCII digits (nine is far beyond any real API and keeps it overflow-free).
    private static func parsePart(_ digits: some Collection<UInt8>) -> Int? {
        var value = 0, count = 0
        for byte in digits {
            guard byte >= 0x30 && byte <= 0x39, count < 9 else { return nil }
            value = value * 10 + Int(byte - 0x30)
            count += 1
        }
        return count > 0 ? value : nil
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
