import Foundation

/// Every rule, in code order. A rule exists only once it is listed here; tests check that
/// codes are unique, every rule has a fixture, and docs/rules.md is generated from this list.
public enum RuleRegistry {
    public static let all: [any Rule.Type] = [
        ReadFailure.self,
        SyntaxError.self,
        UnknownKey.self,
        MissingKey.self,
        BadValue.self,
        InvalidLocation.self,
        UnknownType.self,
        MalformedMicroversion.self,
        UnquotedMicroversion.self,
        InvertedRange.self,
        RangeOutsideAPI.self,
        ParameterOutsideEndpoint.self,
        DuplicateDefinition.self,
        DuplicateEndpoint.self,
        UndefinedReference.self,
        UnusedDefinition.self,
        UndocumentedPathParameter.self,
        PathParameterNotInTemplate.self,
        BrokenLink.self,
        MissingSample.self,
        SampleOutsideRoot.self,
        InvalidJSON.self,
        DuplicateJSONKey.self,
        SampleVersionOutsideEndpoint.self,
        UndocumentedField.self,
        FieldOutsideWindow.self,
        MissingRequiredField.self,
        TypeMismatch.self,
        ValueNotInEnum.self,
        UnreferencedSample.self,
        UnsampledChange.self,
        IncludeNotFound.self,
        UnsupportedMarkup.self,
        UnresolvedReference.self,
        InferredVersionRange.self,
        UnknownStatusCode.self,
    ]

    /// The rules that check the model, with their checks.
    public static let modelRules: [(descriptor: RuleDescriptor, inputs: RuleInputs?, check: @Sendable (CheckContext) -> [Diagnostic])] =
        all.compactMap { rule in rule.modelCheck.map { (rule.descriptor, rule.inputs, $0) } }

    public static func descriptor(for code: String) -> RuleDescriptor? {
        all.first { $0.descriptor.code.caseInsensitiveCompare(code) == .orderedSame || $0.descriptor.name == code }?.descriptor
    }
}
