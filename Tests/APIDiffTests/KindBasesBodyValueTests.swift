import APIDiff
import APIModel
import Testing

@Suite struct KindBasesBodyValueTests {
  @Test func kindChangeBreaksBothAndAbsorbsMembers() throws {
    let report = diffModule(old: { cls("C") { fn("a", "self") } }, new: { fn("C") })
    let change = try #require(report.changes.first)
    #expect(report.changes.count == 1)
    #expect(change.change == .kind && change.breaksCallers && change.breaksSubclasses)
    #expect(change.summary.contains("class") && change.summary.contains("function"))
  }

  @Test func baseRemovedAndAddedMakeOneChangeLedByTheRemoval() throws {
    let report = diffModule(old: { cls("C", bases: ["A", "B"]) }, new: { cls("C", bases: ["A", "D"]) })
    let change = try #require(report.changes.first)
    #expect(report.changes.count == 1)
    #expect(change.rule == "class_base_removed" && change.breaksSubclasses)
    #expect(change.details.map(\.kind) == [.baseRemoved, .baseAdded])
  }

  @Test func baseAddedIsNotBreaking() throws {
    let change = try #require(diffModule(old: { cls("C") }, new: { cls("C", bases: ["A"]) }).changes.first)
    #expect(change.change == .bases && !change.isBreaking)
  }

  @Test func bodyChangeIsNotBreakingAndExplainedClassBodiesAreDropped() throws {
    let report = diffModule(old: { cls("C", body: "1") { fn("f", body: "1") } },
                            new: { cls("C", body: "2") { fn("f", body: "2") } })
    #expect(report.changes.map(\.path) == ["vllm.m.C.f"])
    #expect(report.changes.first?.isBreaking == false)
    let classOnly = diffModule(old: { cls("C", body: "1") }, new: { cls("C", body: "2") })
    #expect(classOnly.changes.map(\.rule) == ["symbol_body_changed"])
  }

  @Test func dictValueIsSummarisedByKey() throws {
    let change = try #require(Fixtures.others[6].report().changes.first)
    #expect(change.change == .value && !change.isBreaking)
    #expect(change.summary == "dict keys: 1 added, 1 removed")
    #expect(change.details.map(\.kind) == [.keyRemoved, .keyAdded])
    #expect(change.details.map(\.name) == [#""Opt""#, #""Qwen""#])
  }

  @Test func dictValueChangedKeyKeepsBothValues() throws {
    let report = diffModule(old: { attr("M", "{'a': 1, 'b': [1, 2]}") }, new: { attr("M", "{'a': 1, 'b': [1, 3]}") })
    let detail = try #require(report.changes.first?.details.first)
    #expect(detail == ChangeDetail(.keyChanged, name: "'b'", old: "[1, 2]", new: "[1, 3]"))
  }

  @Test func reformattedDictWithTheSameEntriesIsNoChange() {
    #expect(diffModule(old: { attr("M", "{'a': 1,\n 'b': 2}") }, new: { attr("M", "{'a': 1, 'b': 2,}") }).changes.isEmpty)
  }

  @Test func nonDictValueChangeKeepsBothTexts() throws {
    let change = try #require(diffModule(old: { attr("N", "8") }, new: { attr("N", "16") }).changes.first)
    #expect(change.summary == "value changed")
    #expect(change.details.first?.old == "8" && change.details.first?.new == "16")
  }
}

@Suite struct BaseNameTests {
  @Test func basesCompareByWhatTheyNameNotHowTheyAreWritten() {
    let report = diffSnapshots(
      snap("v1") { module("vllm.m") { alias("ABC", "abc.ABC"); alias("Generic", "typing.Generic"); cls("C", bases: ["ABC", "Generic[T]"]) } },
      snap("v2") { module("vllm.m") { alias("abc", "abc"); alias("Generic", "typing.Generic"); cls("C", bases: ["abc.ABC", "Generic[M]"]) } },
      options: DiffOptions())
    #expect(report.changes.isEmpty)
  }

  @Test func baseMovedToAnotherModuleButSameObjectIsNoChange() {
    let report = diffSnapshots(
      snap("v1") { module("vllm.base") { cls("Base") }; module("vllm.m") { alias("Base", "vllm.base.Base"); cls("C", bases: ["Base"]) } },
      snap("v2") { module("vllm.base") { cls("Base") }; module("vllm.m") { alias("base", "vllm.base"); cls("C", bases: ["base.Base"]) } },
      options: DiffOptions())
    #expect(report.changes.isEmpty)
  }
}

@Suite struct InheritedBaseTests {
  @Test func baseStillInheritedThroughTheNewBaseIsNotBreaking() throws {
    let report = diffSnapshots(
      snap("v1") { module("vllm.m") { alias("nn", "torch.nn"); cls("Pooler", bases: ["nn.Module"]); cls("P", bases: ["nn.Module"]) } },
      snap("v2") { module("vllm.m") { alias("nn", "torch.nn"); cls("Pooler", bases: ["nn.Module"]); cls("P", bases: ["Pooler"]) } },
      options: DiffOptions())
    let change = try #require(report.changes.first)
    #expect(report.changes.count == 1)
    #expect(change.change == .bases && !change.isBreaking)
    #expect(change.details.first { $0.kind == .baseRemoved }?.note == "still inherited through another base")
  }
}

@Suite struct CollectionValueTests {
  @Test func listItemsAreSummarised() throws {
    let change = try #require(diffModule(old: { attr("__all__", #"["LLM", "SamplingParams"]"#) },
                                         new: { attr("__all__", #"["LLM", "PoolingParams",]"#) }).changes.first)
    #expect(change.summary == "items: 1 added, 1 removed")
    #expect(change.details == [ChangeDetail(.itemAdded, name: #""PoolingParams""#),
                               ChangeDetail(.itemRemoved, name: #""SamplingParams""#)])
  }

  @Test func tuplesSetsAndOddValues() {
    #expect(diffModule(old: { attr("T", "(1, 2)") }, new: { attr("T", "(1, 2, 3)") }).changes.first?.summary == "items: 1 added")
    #expect(diffModule(old: { attr("S", "{1}") }, new: { attr("S", "{1, 2}") }).changes.first?.summary == "items: 1 added")
    #expect(diffModule(old: { attr("P", "(1)") }, new: { attr("P", "(2)") }).changes.first?.summary == "value changed")
    #expect(diffModule(old: { attr("D", "{**a, 'x': 1}") }, new: { attr("D", "{**a}") }).changes.first?.summary == "value changed")
    #expect(diffModule(old: { attr("L", "[x for x in y]") }, new: { attr("L", "[x for x in z]") }).changes.first?.summary == "value changed")
  }
}

@Suite struct DecoratorTests {
  @Test func bindingDecoratorsBreakAndOthersDoNot() throws {
    let property = try #require(Fixtures.others[0].report().changes.first)
    #expect(property.change == .signature && property.breaksCallers && property.breaksSubclasses)
    #expect(property.details == [ChangeDetail(.decoratorAdded, name: "property", new: "property", isBreaking: true)])
    let compile = try #require(Fixtures.others[1].report().changes.first)
    #expect(!compile.isBreaking)
  }

  @Test func abstractMethodBreaksSubclassesOnly() throws {
    let report = diffModule(old: { cls("C") { fn("f", "self") } },
                            new: { cls("C") { fn("f", "self", decorators: ["abc.abstractmethod"]) } })
    let change = try #require(report.changes.first)
    #expect(!change.breaksCallers && change.breaksSubclasses)
  }

  @Test func decoratorAndParameterChangesAreOneSignatureChange() throws {
    let report = diffModule(old: { fn("f", "x") }, new: { fn("f", "x, y", decorators: ["torch.inference_mode()"]) })
    #expect(report.changes.count == 1)
    #expect(report.changes.first?.details.map(\.kind) == [.requiredParameterAdded, .decoratorAdded])
  }
}

@Suite struct DecoratorArgumentTests {
  @Test func changedArgumentsOfABindingDecoratorAreNotBreaking() throws {
    let report = diffModule(old: { cls("Spec", decorators: ["dataclass"]) }, new: { cls("Spec", decorators: ["dataclass(frozen=True)"]) })
    let change = try #require(report.changes.first)
    #expect(report.changes.count == 1 && !change.isBreaking)
    #expect(change.details.map(\.kind) == [.decoratorAdded, .decoratorRemoved])
  }
}
