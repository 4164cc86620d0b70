import APIDiff
import APIModel
import Testing

@Suite struct PresenceTests {
  @Test func removedModuleNamesThePublicSymbolsItTook() throws {
    let fixture = Fixtures.presence[0]
    let change = try #require(fixture.report().changes.first)
    #expect(change.change == .removed && change.isBreaking)
    #expect(change.details.map(\.name) == ["LIMIT", "Worker", "Worker.__init__", "Worker.run", "helper"])
    #expect(change.summary.contains("4 public symbols") == false)
    #expect(change.summary.contains("5 public symbols"))
    #expect(change.old == SourceLocation(file: "vllm/worker.py", line: 1))
  }

  @Test func reExportedObjectIsCountedOnce() throws {
    let report = Fixtures.presence[5].report()
    let change = try #require(report.changes.first)
    #expect(report.changes.count == 1)
    #expect(change.change == .added && !change.isBreaking)
    #expect(change.summary.contains("`vllm.Sampler`"))
  }

  @Test func movedWithoutAliasBreaksCallersAndNamesTheNewPath() throws {
    let change = try #require(Fixtures.presence[6].report().changes.first)
    #expect(change.change == .moved && change.breaksCallers)
    #expect(change.newPath == "vllm.b.helper")
    #expect(change.new?.file == "vllm/b.py")
  }

  @Test func movedWithAliasKeptIsNotBreakingAndMembersFollow() throws {
    let fixture = Fixtures.presence[7]
    let move = try #require(fixture.report().changes.first { $0.change == .moved })
    #expect(!move.isBreaking)
    #expect(move.newPath == "vllm.config.cache.CacheConfig")
    #expect(move.summary.contains("still imports"))
    // A member changed after the move is reported once, at its old path, with the new one.
    let changedMember = diffSnapshots(
      fixture.old,
      snap("v2") {
        module("vllm.config", package: true) { alias("CacheConfig", "vllm.config.cache.CacheConfig") }
        module("vllm.config.cache") { cls("CacheConfig") { fn("verify", "self, strict") } }
      }, options: DiffOptions()).changes.filter { $0.change == .signature }
    #expect(changedMember.map(\.path) == ["vllm.config.CacheConfig.verify"])
    #expect(changedMember.first?.newPath == "vllm.config.cache.CacheConfig.verify")
  }

  @Test func removedModuleDoesNotListMembersThatMovedOut() throws {
    let report = Fixtures.presence[8].report()
    let removed = try #require(report.changes.first { $0.change == .removed })
    #expect(removed.details.isEmpty)
    let move = try #require(report.changes.first { $0.change == .moved })
    #expect(move.newPath == "vllm.config.CacheConfig")
  }

  @Test func ambiguousMoveIsReported() throws {
    let report = diffSnapshots(
      snap("v1") { module("vllm.a") { fn("helper") } },
      snap("v2") { module("vllm.a"); module("vllm.x.b") { fn("helper") }; module("vllm.x.c") { fn("helper") } },
      options: DiffOptions())
    let move = try #require(report.changes.first { $0.change == .moved })
    #expect(move.newPath == "vllm.x.b.helper")
    #expect(move.summary.contains("ambiguous"))
    #expect(move.summary.contains("`vllm.x.c.helper`"))
  }

  @Test func moveCandidatesPreferTheSameParentThenTheClosestModule() throws {
    let report = diffSnapshots(
      snap("v1") { module("vllm.worker.gpu") { cls("Worker") { fn("run", "self") } } },
      snap("v2") {
        module("vllm.worker.gpu")
        module("vllm.v1.worker.gpu") { cls("Worker") { fn("run", "self") } }
        module("vllm.other") { cls("Worker") }
      }, options: DiffOptions())
    let move = try #require(report.changes.first { $0.change == .moved })
    #expect(move.newPath == "vllm.v1.worker.gpu.Worker")
  }

  @Test func methodsDoNotMoveToUnrelatedClasses() {
    let report = diffModule(old: { cls("A") { fn("forward", "self") }; cls("B") },
                            new: { cls("A"); cls("B") { fn("forward", "self") } })
    #expect(report.changes.map { "\($0.rule) \($0.path)" }
            == ["method_removed vllm.m.A.forward", "symbol_added vllm.m.B.forward"])
  }

  @Test func pathStillImportableAsTheSameObjectIsNotRemoved() {
    let report = diffSnapshots(
      snap("v1") {
        module("vllm", package: true) { alias("LLM", "vllm.llm.LLM") }
        module("vllm.llm") { cls("LLM") }
      },
      snap("v2") {
        module("vllm", package: true, stars: ["vllm.llm"])
        module("vllm.llm") { cls("LLM") }
      }, options: DiffOptions())
    #expect(report.changes.isEmpty)
  }

  @Test func typeCheckingOnlyRemovalSaysSo() throws {
    let change = try #require(Fixtures.presence[13].report().changes.first)
    #expect(change.summary.contains("TYPE_CHECKING"))
  }

  @Test func classAddedBackFromTypeCheckingIsAdded() {
    let fixture = Fixtures.presence[13]
    let report = diffSnapshots(fixture.new, fixture.old, options: DiffOptions())
    #expect(report.changes.map(\.rule) == ["symbol_added"])
  }
}

@Suite struct MoveEvidenceTests {
  @Test func aModuleWithoutCommonMembersDidNotMove() {
    let report = diffSnapshots(
      snap("v1") { module("vllm.a", package: true); module("vllm.a.utils") { fn("pad"); fn("split") } },
      snap("v2") { module("vllm.a", package: true); module("vllm.b.utils") { fn("cdiv") } },
      options: DiffOptions())
    #expect(report.changes.map { "\($0.rule) \($0.path)" } == ["module_removed vllm.a.utils", "symbol_added vllm.b.utils"])
  }

  @Test func aModuleKeepingItsMembersMoved() {
    let report = diffSnapshots(
      snap("v1") { module("vllm.jsontree") { fn("json_map"); fn("json_reduce") } },
      snap("v2") { module("vllm.utils.jsontree") { fn("json_map"); fn("json_reduce", "x") } },
      options: DiffOptions())
    #expect(report.changes.map { "\($0.rule) \($0.path)" }
            == ["symbol_moved vllm.jsontree", "function_required_parameter_added vllm.jsontree.json_reduce"])
    #expect(report.changes.last?.newPath == "vllm.utils.jsontree.json_reduce")
  }
}

@Suite struct ReExportTests {
  @Test func aClassReExportedTwiceHasItsMemberChangesOnce() {
    let old = snap("v1") {
      module("vllm", package: true) { alias("Engine", "vllm.engine.core.Engine") }
      module("vllm.engine", package: true) { alias("Engine", "vllm.engine.core.Engine") }
      module("vllm.engine.core") { cls("Engine") { fn("step", "self") } }
    }
    let new = snap("v2") {
      module("vllm", package: true) { alias("Engine", "vllm.engine.core.Engine") }
      module("vllm.engine", package: true) { alias("Engine", "vllm.engine.core.Engine") }
      module("vllm.engine.core") { cls("Engine") { fn("step", "self, n") } }
    }
    #expect(diffSnapshots(old, new, options: DiffOptions()).changes.map(\.path) == ["vllm.engine.core.Engine.step"])
  }
}
