/// How type names in parameters.yaml map to `ValueType`. os-api-ref accepts any text; these
/// are the spellings real trees use.
public enum ValueTypeNames {
    static let aliases: [String: ValueType] = [
        "string": .string, "uuid": .string, "str": .string,
        "integer": .integer, "int": .integer,
        "number": .number, "float": .number,
        "boolean": .boolean, "bool": .boolean,
        "object": .object, "dict": .object,
        "array": .array, "list": .array,
        "null": .null, "none": .null,
    ]

    public static let all: [String] = aliases.keys.sorted()

    public static func parse(_ name: String) -> ValueType? {
        aliases[name.lowercased()]
    }
}
