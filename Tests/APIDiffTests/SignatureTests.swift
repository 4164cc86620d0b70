import APIDiff
import APIModel
import Testing

/// A signature change and the single change it must yield.
struct SignatureCase: Sendable, CustomTestStringConvertible {
  let old: String
  let new: String
  let rule: String
  let details: [ChangeDetail.Kind]
  let breaksCallers: Bool
  let breaksSubclasses: Bool
  var testDescription: String { "(\(old)) → (\(new))" }
}

@Suite struct SignatureTests {
  @Test(arguments: [
    SignatureCase(old: "x, y", new: "x", rule: "function_parameter_removed", details: [.parameterRemoved],
                  breaksCallers: true, breaksSubclasses: true),
    SignatureCase(old: "x", new: "x, y: int", rule: "function_required_parameter_added",
                  details: [.requiredParameterAdded], breaksCallers: true, breaksSubclasses: true),
    SignatureCase(old: "x", new: "x, y=None", rule: "function_optional_parameter_added",
                  details: [.optionalParameterAdded], breaksCallers: false, breaksSubclasses: true),
    SignatureCase(old: "x, *, y=1", new: "x, *, z=1", rule: "function_parameter_renamed",
                  details: [.parameterRenamed], breaksCallers: true, breaksSubclasses: true),
    SignatureCase(old: "a, b, c", new: "c, a, b", rule: "function_parameter_reordered",
                  details: [.parameterReordered], breaksCallers: true, breaksSubclasses: true),
    SignatureCase(old: "x, y", new: "x, *, y", rule: "function_parameter_changed_kind",
                  details: [.parameterKindChanged], breaksCallers: true, breaksSubclasses: false),
    SignatureCase(old: "x, y", new: "x, y, /", rule: "function_parameter_changed_kind",
                  details: [.parameterKindChanged, .parameterKindChanged], breaksCallers: true, breaksSubclasses: false),
    SignatureCase(old: "x, *, y", new: "x, y", rule: "function_parameter_changed_kind",
                  details: [.parameterKindChanged], breaksCallers: false, breaksSubclasses: true),
    SignatureCase(old: "x=1", new: "x", rule: "function_parameter_now_required",
                  details: [.parameterNowRequired], breaksCallers: true, breaksSubclasses: false),
    SignatureCase(old: "x=1", new: "x=2", rule: "function_parameter_default_changed",
                  details: [.parameterDefaultChanged], breaksCallers: false, breaksSubclasses: false),
    SignatureCase(old: "x", new: "x=2", rule: "function_parameter_default_changed",
                  details: [.parameterDefaultChanged], breaksCallers: false, breaksSubclasses: false),
    SignatureCase(old: "x: int", new: "x: str", rule: "function_parameter_annotation_changed",
                  details: [.parameterAnnotationChanged], breaksCallers: false, breaksSubclasses: false),
    // A keyword-only parameter removed into `**kwargs` is absorbed: the break is softened.
    SignatureCase(old: "x, *, y=1, **kw", new: "x, **kw", rule: "function_parameter_removed",
                  details: [.parameterRemoved], breaksCallers: false, breaksSubclasses: false),
    // Renaming a positional-only parameter breaks nobody.
    SignatureCase(old: "a, /", new: "b, /", rule: "function_parameter_renamed",
                  details: [.parameterRenamed], breaksCallers: false, breaksSubclasses: false),
    // An optional parameter inserted before a positional one shifts it.
    SignatureCase(old: "a, b=1", new: "a, c=None, b=1", rule: "function_optional_parameter_added",
                  details: [.optionalParameterAdded], breaksCallers: true, breaksSubclasses: true),
    // Adding `**kwargs` breaks neither callers nor overrides.
    SignatureCase(old: "a", new: "a, **kw", rule: "function_optional_parameter_added",
                  details: [.optionalParameterAdded], breaksCallers: false, breaksSubclasses: false),
  ])
  func classifies(_ c: SignatureCase) throws {
    let change = try #require(signatureChange(c.old, c.new))
    #expect(change.change == .signature)
    #expect(change.rule == c.rule)
    #expect(change.details.map(\.kind) == c.details)
    #expect(change.breaksCallers == c.breaksCallers)
    #expect(change.breaksSubclasses == c.breaksSubclasses)
    #expect(signatureChange(c.old, c.old) == nil)
  }

  @Test func moduleFunctionsHaveNoSubclassesToBreak() throws {
    let report = diffModule(old: { fn("f", "x") }, new: { fn("f", "x, y=None") })
    let change = try #require(report.changes.first)
    #expect(change.rule == "function_optional_parameter_added")
    #expect(!change.breaksSubclasses && !change.isBreaking)
  }

  @Test func parameterInsertedAtTheFrontIsOneAddition() throws {
    let old = (1...40).map { "p\($0)" }.joined(separator: ", ")
    let change = try #require(signatureChange(old, "first, " + old))
    #expect(change.rule == "function_required_parameter_added")
    #expect(change.details.map(\.kind) == [.requiredParameterAdded])
    #expect(change.details[0].new == "first")
  }

  @Test func severalParameterChangesMakeOneFindingLedByTheMostSevere() throws {
    let change = try #require(signatureChange("self, x: int, y=1, *, z=None", "self, x: str, y=2, *, w"))
    #expect(change.rule == "function_parameter_removed")
    #expect(Set(change.details.map(\.kind)) == [
      .parameterRemoved, .requiredParameterAdded, .parameterDefaultChanged, .parameterAnnotationChanged,
    ])
    #expect(change.isBreaking)
  }

  @Test func returnAnnotationChangeCarriesBothTexts() throws {
    let report = diffModule(old: { fn("f", returns: "int") }, new: { fn("f", returns: "list[int]") })
    let detail = try #require(report.changes.first?.details.first)
    #expect(detail.kind == .returnAnnotationChanged)
    #expect(detail.old == "int" && detail.new == "list[int]")
    #expect(report.changes.first?.isBreaking == false)
  }

  @Test func renameKeepsTheSourceTextOfBothParameters() throws {
    let change = try #require(signatureChange("self, hidden: int", "self, hidden_states: int"))
    #expect(change.details == [ChangeDetail(.parameterRenamed, name: "hidden", old: "hidden: int",
                                            new: "hidden_states: int", isBreaking: true)])
  }

  @Test func removedParameterAbsorbedByKwargsSaysSo() throws {
    let change = try #require(signatureChange("x, *, y=1, **kw", "x, **kw"))
    #expect(change.details.first?.note?.contains("**kwargs") == true)
    #expect(!change.isBreaking)
  }

  @Test func methodSignatureIsReportedAtItsDefiningClassOnly() {
    let report = diffSnapshots(
      snap("v1") { module("vllm.m") { cls("Base") { fn("f", "self, x") }; cls("Sub", bases: ["Base"]) } },
      snap("v2") { module("vllm.m") { cls("Base") { fn("f", "self") }; cls("Sub", bases: ["Base"]) } },
      options: DiffOptions())
    #expect(report.changes.map(\.path) == ["vllm.m.Base.f"])
  }
}

@Suite struct ReceiverTests {
  @Test func renamingSelfToClsBreaksNobody() throws {
    let report = diffModule(old: { cls("C") { fn("make", "self, x") } }, new: { cls("C") { fn("make", "cls, x") } })
    let change = try #require(report.changes.first)
    #expect(change.rule == "function_parameter_renamed" && !change.isBreaking)
  }
}
