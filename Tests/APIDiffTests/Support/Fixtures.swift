import APIModel

/// One fixture per rule (at least), each with the changes it must yield and nothing else.
enum Fixtures {
  static let all: [DiffFixture] = presence + signatures + others

  static let presence: [DiffFixture] = [
    DiffFixture(
      name: "a removed module is one finding",
      old: snap("v1") {
        module("vllm", package: true)
        module("vllm.worker") {
          cls("Worker") { fn("__init__", "self"); fn("run", "self") }
          fn("helper"); attr("LIMIT"); fn("_private")
        }
      },
      new: snap("v2") { module("vllm", package: true) },
      expect: ["module_removed vllm.worker"]),
    DiffFixture(
      name: "a removed class absorbs its members",
      old: snap("v1") { module("vllm.m") { cls("C") { fn("a", "self"); fn("b", "self") } } },
      new: snap("v2") { module("vllm.m") },
      expect: ["class_removed vllm.m.C"]),
    DiffFixture(
      name: "function removed",
      old: snap("v1") { module("vllm.m") { fn("f") } }, new: snap("v2") { module("vllm.m") },
      expect: ["function_removed vllm.m.f"]),
    DiffFixture(
      name: "method removed",
      old: snap("v1") { module("vllm.m") { cls("C") { fn("a", "self"); fn("b", "self") } } },
      new: snap("v2") { module("vllm.m") { cls("C") { fn("a", "self") } } },
      expect: ["method_removed vllm.m.C.b"]),
    DiffFixture(
      name: "attribute removed",
      old: snap("v1") { module("vllm.m") { attr("X"); attr("Y") } },
      new: snap("v2") { module("vllm.m") { attr("X") } },
      expect: ["attribute_removed vllm.m.Y"]),
    DiffFixture(
      name: "an added module re-exported by its package is one finding",
      old: snap("v1") { module("vllm", package: true) },
      new: snap("v2") {
        module("vllm", package: true) { alias("Sampler", "vllm.sampler.Sampler") }
        module("vllm.sampler") { cls("Sampler") { fn("sample", "self") } }
      },
      expect: ["symbol_added vllm.sampler"]),
    DiffFixture(
      name: "moved without a compatibility import",
      old: snap("v1") { module("vllm.a") { fn("helper", "x") }; module("vllm.b") },
      new: snap("v2") { module("vllm.a"); module("vllm.b") { fn("helper", "x") } },
      expect: ["symbol_moved vllm.a.helper"]),
    DiffFixture(
      name: "moved into a subpackage, old import path kept",
      old: snap("v1") { module("vllm.config") { cls("CacheConfig") { fn("verify", "self") } } },
      new: snap("v2") {
        module("vllm.config", package: true) { alias("CacheConfig", "vllm.config.cache.CacheConfig") }
        module("vllm.config.cache") { cls("CacheConfig") { fn("verify", "self") } }
      },
      expect: ["symbol_added vllm.config.cache", "symbol_moved_alias_kept vllm.config.CacheConfig"]),
    DiffFixture(
      name: "moved from a removed module to where it was re-exported",
      old: snap("v1") {
        module("vllm.config", package: true) { alias("CacheConfig", "vllm.config.cache.CacheConfig") }
        module("vllm.config.cache") { cls("CacheConfig") { fn("verify", "self") } }
      },
      new: snap("v2") { module("vllm.config", package: true) { cls("CacheConfig") { fn("verify", "self") } } },
      expect: ["module_removed vllm.config.cache", "symbol_moved vllm.config.cache.CacheConfig"]),
    DiffFixture(
      name: "re-export removed while the object stays",
      old: snap("v1") {
        module("vllm", package: true) { alias("LLM", "vllm.entrypoints.llm.LLM") }
        module("vllm.entrypoints.llm") { cls("LLM") }
      },
      new: snap("v2") { module("vllm", package: true); module("vllm.entrypoints.llm") { cls("LLM") } },
      expect: ["import_path_removed vllm.LLM"]),
    DiffFixture(
      name: "re-export added for an existing object",
      old: snap("v1") { module("vllm", package: true); module("vllm.entrypoints.llm") { cls("LLM") } },
      new: snap("v2") {
        module("vllm", package: true) { alias("LLM", "vllm.entrypoints.llm.LLM") }
        module("vllm.entrypoints.llm") { cls("LLM") }
      },
      expect: ["import_path_added vllm.LLM"]),
    DiffFixture(
      name: "external re-export retargeted",
      old: snap("v1") { module("vllm", package: true) { alias("Tensor", "torch.Tensor") } },
      new: snap("v2") { module("vllm", package: true) { alias("Tensor", "mindspore.Tensor") } },
      expect: ["alias_target_changed vllm.Tensor"]),
    DiffFixture(
      name: "moved under TYPE_CHECKING is removed at run time",
      old: snap("v1") { module("vllm.m") { alias("Cfg", "vllm.c.Cfg") }; module("vllm.c") { cls("Cfg") } },
      new: snap("v2") { module("vllm.m") { alias("Cfg", "vllm.c.Cfg").typeChecking }; module("vllm.c") { cls("Cfg") } },
      expect: []),
    DiffFixture(
      name: "a class now defined only under TYPE_CHECKING is removed",
      old: snap("v1") { module("vllm.m") { cls("Proto") } },
      new: snap("v2") { module("vllm.m") { cls("Proto").typeChecking } },
      expect: ["class_removed vllm.m.Proto"]),
  ]

  static let signatures: [DiffFixture] = [
    sig("parameter removed", "x, y", "x", "function_parameter_removed"),
    sig("required parameter added", "x", "x, y", "function_required_parameter_added"),
    sig("optional parameter added", "x", "x, y=None", "function_optional_parameter_added"),
    sig("parameter renamed", "x, y", "x, z", "function_parameter_renamed"),
    sig("parameters reordered", "x, y", "y, x", "function_parameter_reordered"),
    sig("parameter kind changed", "x, y", "x, *, y", "function_parameter_changed_kind"),
    sig("parameter now required", "x, y=1", "x, y", "function_parameter_now_required"),
    sig("parameter default changed", "x, y=1", "x, y=2", "function_parameter_default_changed"),
    sig("parameter annotation changed", "x: int", "x: str", "function_parameter_annotation_changed"),
    DiffFixture(
      name: "return annotation changed",
      old: snap("v1") { module("vllm.m") { fn("f", "x", returns: "int") } },
      new: snap("v2") { module("vllm.m") { fn("f", "x", returns: "str") } },
      expect: ["function_return_annotation_changed vllm.m.f"]),
    DiffFixture(
      name: "attribute annotation changed",
      old: snap("v1") { module("vllm.m") { cls("C") { attr("size", nil, annotation: "int") } } },
      new: snap("v2") { module("vllm.m") { cls("C") { attr("size", nil, annotation: "int | None") } } },
      expect: ["attribute_annotation_changed vllm.m.C.size"]),
  ]

  static let others: [DiffFixture] = [
    DiffFixture(
      name: "method became a property",
      old: snap("v1") { module("vllm.m") { cls("C") { fn("size", "self") } } },
      new: snap("v2") { module("vllm.m") { cls("C") { fn("size", "self", decorators: ["property"]) } } },
      expect: ["decorator_added vllm.m.C.size"]),
    DiffFixture(
      name: "compile decorator removed",
      old: snap("v1") { module("vllm.m") { cls("M", decorators: ["support_torch_compile"]) } },
      new: snap("v2") { module("vllm.m") { cls("M") } },
      expect: ["decorator_removed vllm.m.M"]),
    DiffFixture(
      name: "function became a class",
      old: snap("v1") { module("vllm.m") { fn("make") } },
      new: snap("v2") { module("vllm.m") { cls("make") { fn("__call__", "self") } } },
      expect: ["symbol_changed_kind vllm.m.make"]),
    DiffFixture(
      name: "base removed",
      old: snap("v1") { module("vllm.m") { cls("C", bases: ["A", "B"]) } },
      new: snap("v2") { module("vllm.m") { cls("C", bases: ["A"]) } },
      expect: ["class_base_removed vllm.m.C"]),
    DiffFixture(
      name: "base added",
      old: snap("v1") { module("vllm.m") { cls("C", bases: ["A"]) } },
      new: snap("v2") { module("vllm.m") { cls("C", bases: ["A", "B"]) } },
      expect: ["class_base_added vllm.m.C"]),
    DiffFixture(
      name: "body changed",
      old: snap("v1") { module("vllm.m") { cls("C", body: "c1") { fn("forward", "self", body: "f1") } } },
      new: snap("v2") { module("vllm.m") { cls("C", body: "c2") { fn("forward", "self", body: "f2") } } },
      expect: ["symbol_body_changed vllm.m.C.forward"]),
    DiffFixture(
      name: "registry dict changed",
      old: snap("v1") { module("vllm.m") { attr("_MODELS", #"{"Llama": ("llama", "LlamaForCausalLM"), "Opt": ("opt", "OPT")}"#) } },
      new: snap("v2") { module("vllm.m") { attr("_MODELS", #"{"Llama": ("llama", "LlamaForCausalLM"), "Qwen": ("qwen", "Qwen")}"#) } },
      expect: ["attribute_value_changed vllm.m._MODELS"]),
  ]

  static func sig(_ name: String, _ old: String, _ new: String, _ rule: String) -> DiffFixture {
    DiffFixture(name: name, old: snap("v1") { module("vllm.m") { fn("f", old) } },
                new: snap("v2") { module("vllm.m") { fn("f", new) } }, expect: ["\(rule) vllm.m.f"])
  }
}
