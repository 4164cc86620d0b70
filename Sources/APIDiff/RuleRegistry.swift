/// Every rule, sorted by id.
public enum RuleRegistry {
  public static let all: [any DiffRule.Type] = [
    AliasTargetChanged.self,
    AttributeAnnotationChanged.self,
    AttributeRemoved.self,
    AttributeValueChanged.self,
    ClassBaseAdded.self,
    ClassBaseRemoved.self,
    ClassRemoved.self,
    DecoratorAdded.self,
    DecoratorRemoved.self,
    FunctionOptionalParameterAdded.self,
    FunctionParameterAnnotationChanged.self,
    FunctionParameterChangedKind.self,
    FunctionParameterDefaultChanged.self,
    FunctionParameterNowRequired.self,
    FunctionParameterRemoved.self,
    FunctionParameterRenamed.self,
    FunctionParameterReordered.self,
    FunctionRemoved.self,
    FunctionRequiredParameterAdded.self,
    FunctionReturnAnnotationChanged.self,
    ImportPathAdded.self,
    ImportPathRemoved.self,
    MethodRemoved.self,
    ModuleRemoved.self,
    SymbolAdded.self,
    SymbolBodyChanged.self,
    SymbolChangedKind.self,
    SymbolMoved.self,
    SymbolMovedAliasKept.self,
  ].sorted { $0.metadata.id < $1.metadata.id }

  /// The metadata of every rule, sorted by id.
  public static var metadata: [RuleMetadata] { all.map { $0.metadata } }
}
