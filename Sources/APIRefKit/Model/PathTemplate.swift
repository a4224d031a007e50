public enum PathTemplate {
    /// The `{name}` placeholders of a URL path template, in order of appearance.
    public static func placeholders(in template: String) -> [String] {
        var names: [String] = []
        var current: String?
        for character in template {
            switch character {
            case "{": current = ""
            case "}":
                if let name = current { names.append(name) }
                current = nil
            default:
                current?.append(character)
            }
        }
        return names
    }
}
