public enum PathTemplate {
    /// The `{name}` placeholders of a URL path template, in order of appearance.
    public static func placeholders(in template: String) -> [String] {
        // By bytes: braces are ASCII, and walking characters is most of the cost.
        var names: [String] = []
        var start: String.Index?
        let bytes = template.utf8
        var index = bytes.startIndex
        while index != bytes.endIndex {
            switch bytes[index] {
            case UInt8(ascii: "{"): start = bytes.index(after: index)
            case UInt8(ascii: "}"):
                if let name = start { names.append(String(template[name..<index])) }
                start = nil
            default: break
            }
            index = bytes.index(after: index)
        }
        return names
    }
}
