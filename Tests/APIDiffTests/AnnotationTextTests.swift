import APIDiff
import Testing

@Suite struct AnnotationTextTests {
  @Test(arguments: [
    ("List[int]", "list[int]"),
    ("Optional[Dict[str, Any]]", "dict[str, Any] | None"),
    ("typing.Tuple[torch.Tensor, torch.Tensor]", "tuple[torch.Tensor, torch.Tensor]"),
    ("Union[int, str]", "int | str"),
    ("\"ModelConfig\"", "ModelConfig"),
    ("Optional[List[Größe]]", "list[Größe] | None"),
    ("Literal['é', \"x\"]", "Literal[\"é\", 'x']"),
  ])
  func respellingsAreNoChange(_ old: String, _ new: String) {
    #expect(signatureChange("x: \(old)", "x: \(new)") == nil)
  }

  @Test func realTypeChangesRemain() throws {
    let change = try #require(signatureChange("x: List[int]", "x: list[str]"))
    #expect(change.rule == "function_parameter_annotation_changed")
    #expect(signatureChange("x: Optional[int]", "x: int") != nil)
  }
}
