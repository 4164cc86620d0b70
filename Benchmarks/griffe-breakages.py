#!/usr/bin/env python3
"""Classify griffe's breaking-change rows between two exported vLLM trees.

Usage: griffe-breakages.py OLD_TREE NEW_TREE [--package vllm] [--rows FILE]

Each tree is a directory holding the package (e.g. the output of
`git archive vX vllm | tar -x -C OLD_TREE`). Runs griffe's own
`find_breaking_changes` with the options `griffe check` uses, then prints one
JSON object: rows per BreakageKind, and how the rows fold into vmsync findings
(one finding per changed signature, inherited repeats dropped, removed objects
that reappear elsewhere reported as moves, members of removed modules folded
into the module). `--rows FILE` also writes every row as JSON lines.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import re
import sys
import textwrap
from collections import Counter, defaultdict

import griffe
from griffe import BreakageKind

# griffe expression classes of literal containers: a changed value there is a registry change.
REGISTRY_EXPRESSIONS = {"ExprDict", "ExprList", "ExprSet", "ExprTuple", "ExprDictComp", "ExprListComp"}

ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")

PARAMETER_KINDS = {
    BreakageKind.PARAMETER_MOVED,
    BreakageKind.PARAMETER_REMOVED,
    BreakageKind.PARAMETER_CHANGED_KIND,
    BreakageKind.PARAMETER_CHANGED_DEFAULT,
    BreakageKind.PARAMETER_CHANGED_REQUIRED,
    BreakageKind.PARAMETER_ADDED_REQUIRED,
    BreakageKind.RETURN_CHANGED_TYPE,
}


def load(tree: str, package: str) -> griffe.Module:
    """Loads a package the way `griffe check` does."""
    return griffe.load(package, search_paths=[tree], resolve_aliases=True, resolve_external=None)


def walk(obj, seen=None):
    """Yields every object and alias reachable through `members` (no inherited members)."""
    seen = set() if seen is None else seen
    for member in obj.members.values():
        if member.path in seen:
            continue
        seen.add(member.path)
        yield member
        if not member.is_alias and (member.is_module or member.is_class):
            yield from walk(member, seen)


def target_path(obj) -> str:
    """The path of the definition an object or alias stands for."""
    if not obj.is_alias:
        return obj.path
    try:
        return obj.final_target.path
    except Exception:  # unresolvable alias (e.g. a target outside the package)
        return obj.target_path


def kind_name(obj) -> str:
    """An object's kind (`function`, `class`, …), or `alias` when its target cannot be resolved."""
    try:
        return obj.kind.value
    except Exception:  # alias whose target cannot be resolved
        return "alias"


def qualname(obj) -> str:
    """The path of an object inside its module (a module's own name for modules)."""
    if not obj.is_alias and obj.is_module:
        return obj.name
    module = obj.parent if obj.parent.is_module else obj.parent.module
    return obj.path[len(module.path) + 1 :]


def is_visible(obj) -> bool:
    """Whether griffe's check looks at an object: it and all its parents are public."""
    while obj is not None and obj.parent is not None:
        if not obj.is_public:
            return False
        obj = obj.parent
    return True


class Surface:
    """Every object of one release, indexed for move detection and value/signature/body comparison."""

    def __init__(self, package: griffe.Module) -> None:
        self.objects: dict[str, object] = {package.path: package}
        self.definitions: dict[str, object] = {}
        self.by_kind_qualname: dict[str, set[str]] = defaultdict(set)
        self.qualnames: set[str] = set()
        self.member_names: set[str] = set()
        self.modules: set[str] = {package.path}
        for obj in walk(package):
            self.objects[obj.path] = obj
            if obj.is_alias:
                continue
            self.definitions[obj.path] = obj
            name = qualname(obj)
            self.by_kind_qualname[f"{obj.kind.value}:{name}"].add(obj.path)
            self.qualnames.add(name)
            if "." in name:
                self.member_names.add(obj.name)
            if obj.is_module:
                self.modules.add(obj.path)


def row(breakage) -> dict:
    """One griffe row as plain data."""
    obj = breakage.obj
    param = None
    if breakage.kind in PARAMETER_KINDS and breakage.kind is not BreakageKind.RETURN_CHANGED_TYPE:
        param = (breakage.old_value or breakage.new_value).name
    return {
        "kind": breakage.kind.name,
        "path": obj.path,
        "target": target_path(obj),
        "object_kind": kind_name(obj),
        "is_alias": obj.is_alias,
        "inherited": bool(obj.is_alias and obj.inherited),
        "parameter": param,
        "qualname": qualname(obj),
        "text": ANSI_ESCAPE.sub("", breakage.explain()),
    }


def removed_category(r: dict, removed_definitions: set[str], gone_modules: set[str], new: Surface) -> str:
    """Explains one OBJECT_REMOVED row in vmsync's terms (first matching reason wins)."""
    target = r["target"]
    if r["inherited"]:
        return "inherited_repeat"
    if r["object_kind"] != "module" and any(target.startswith(m + ".") for m in gone_modules):
        return "member_of_removed_module"
    if r["is_alias"] and target != r["path"] and target in removed_definitions:
        return "reexport_of_removed_definition"
    if r["is_alias"] and target in new.objects:
        return "reexport_dropped_definition_kept"
    if new.by_kind_qualname.get(f'{r["object_kind"]}:{r["qualname"]}'):
        return "moved_same_qualname_and_kind"
    if r["qualname"] in new.qualnames:
        return "moved_same_qualname_other_kind"
    if "." in r["qualname"] and r["qualname"].rsplit(".", 1)[-1] in new.member_names:
        return "gone_member_name_reused_elsewhere"
    return "gone"


def signature(function) -> tuple:
    """Everything vmsync's `signature` finding compares: parameters and return annotation."""
    params = tuple((p.name, p.kind.value, str(p.default), str(p.annotation)) for p in function.parameters)
    return params, str(function.returns)


class _PEP604(ast.NodeTransformer):
    """Rewrites `Optional[X]`, `Union[X, Y]` and `List[X]`-style names to their PEP 585/604 spelling."""

    BUILTINS = {"List": "list", "Dict": "dict", "Tuple": "tuple", "Set": "set", "FrozenSet": "frozenset", "Type": "type"}

    def visit_Subscript(self, node: ast.Subscript) -> ast.AST:
        node = self.generic_visit(node)
        name = node.value.attr if isinstance(node.value, ast.Attribute) else getattr(node.value, "id", None)
        items = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
        if name == "Optional":
            items = [*items, ast.Constant(None)]
        if name in ("Optional", "Union"):
            union = items[0]
            for item in items[1:]:
                union = ast.BinOp(union, ast.BitOr(), item)
            return union
        if name in self.BUILTINS:
            node.value = ast.Name(self.BUILTINS[name])
        return node


def normalized_annotation(text: str) -> str:
    """An annotation with typing aliases spelled the modern way, for comparison only."""
    try:
        return ast.unparse(_PEP604().visit(ast.parse(text, mode="eval")))
    except (SyntaxError, ValueError, RecursionError):
        return text


def modern_signature(function) -> tuple:
    """`signature`, with annotations normalized by `normalized_annotation`."""
    params, returns = signature(function)
    return tuple((n, k, d, normalized_annotation(a)) for n, k, d, a in params), normalized_annotation(returns)


def body(function) -> str | None:
    """The function body without its docstring, as an AST dump (None if its source does not parse)."""
    try:
        tree = ast.parse(textwrap.dedent(function.source))
        stmts = tree.body[0].body
    except (SyntaxError, IndexError, AttributeError, OSError, ValueError):
        return None
    if stmts and isinstance(stmts[0], ast.Expr) and isinstance(stmts[0].value, ast.Constant):
        stmts = stmts[1:]
    return "\n".join(ast.dump(s) for s in stmts)


def beyond_griffe(old: Surface, new: Surface, griffe_signatures: set[str], griffe_removed: set[str]) -> dict:
    """Changes between the two releases that griffe's check does not report."""
    common = [(o, new.definitions[p]) for p, o in old.definitions.items() if p in new.definitions]
    functions = [(o, n) for o, n in common if o.is_function and n.is_function]
    attributes = [(o, n) for o, n in common if o.is_attribute and n.is_attribute]

    changed_signatures = [(o, n) for o, n in functions if signature(o) != signature(n)]
    changed_annotations = [(o, n) for o, n in attributes if str(o.annotation) != str(n.annotation)]
    changed_values = [(o, n) for o, n in attributes if str(o.value) != str(n.value)]
    registries = [(o, n) for o, n in changed_values if type(n.value).__name__ in REGISTRY_EXPRESSIONS]
    classes = [(o, n) for o, n in common if o.is_class and n.is_class]
    changed_bases = [(o, n) for o, n in classes if [str(b) for b in o.bases] != [str(b) for b in n.bases]]
    changed_kind = [(o, n) for o, n in common if o.kind is not n.kind]
    changed_bodies = [(o, n) for o, n in functions if body(o) != body(n)]

    gone = [p for p in old.definitions if p not in new.objects]
    invisible_gone = [
        p for p in gone
        if not any(p == r or p.startswith(r + ".") for r in griffe_removed)
    ]
    added = [p for p in new.definitions if p not in old.objects]
    # A definition whose old path is now only an alias of a definition elsewhere: griffe follows
    # the alias and sees nothing; vmsync reports a move whose old import path still works.
    alias_kept = [p for p in old.definitions if p in new.objects and new.objects[p].is_alias]
    return {
        "moved_old_path_kept_as_alias": len(alias_kept),
        "added_definitions": len(added),
        "added_visible_definitions": sum(1 for p in added if is_visible(new.definitions[p])),
        "removed_definitions": len(gone),
        "removed_definitions_without_griffe_row": len(invisible_gone),
        "changed_signatures_all": len(changed_signatures),
        "changed_signatures_only_typing_spelling": sum(
            1 for o, n in changed_signatures if modern_signature(o) == modern_signature(n)
        ),
        "changed_signatures_private": sum(1 for o, _ in changed_signatures if not is_visible(o)),
        "changed_signatures_without_griffe_row": sum(
            1 for o, _ in changed_signatures if o.path not in griffe_signatures
        ),
        "changed_signatures_without_griffe_row_beyond_typing_spelling": sum(
            1 for o, n in changed_signatures
            if o.path not in griffe_signatures and modern_signature(o) != modern_signature(n)
        ),
        "changed_bases": len(changed_bases),
        "changed_bases_with_a_removed_base": sum(
            1 for o, n in changed_bases if {str(b) for b in o.bases} - {str(b) for b in n.bases}
        ),
        "changed_kind": len(changed_kind),
        "changed_bodies": len(changed_bodies),
        "changed_bodies_same_signature": sum(1 for o, n in changed_bodies if signature(o) == signature(n)),
        "changed_attribute_annotations": len(changed_annotations),
        "changed_attribute_annotations_beyond_typing_spelling": sum(
            1 for o, n in changed_annotations
            if normalized_annotation(str(o.annotation)) != normalized_annotation(str(n.annotation))
        ),
        "changed_values": len(changed_values),
        "changed_values_registries": len(registries),
        "type_checking_only_names_new": sum(1 for o in new.objects.values() if not o.runtime),
    }


def parameter_details(old: Surface, new: Surface, rows: list[dict]) -> dict:
    """How griffe's parameter rows read once each function's signature is compared whole."""
    reordered: set[str] = set()
    renamed = 0
    for path in {r["target"] for r in rows if r["parameter"] is not None}:
        before, after = old.definitions.get(path), new.definitions.get(path)
        if before is None or after is None or not (before.is_function and after.is_function):
            continue
        old_names = [p.name for p in before.parameters]
        new_names = [p.name for p in after.parameters]
        if [n for n in old_names if n in new_names] != [n for n in new_names if n in old_names]:
            reordered.add(path)
        # A parameter removed and another added at the same position with the same kind reads as a rename.
        renamed += sum(
            1 for i, (o, n) in enumerate(zip(before.parameters, after.parameters))
            if o.name != n.name and o.name not in new_names and n.name not in old_names and o.kind is n.kind
        )
    moved = [r for r in rows if r["kind"] == "PARAMETER_MOVED"]
    return {
        "moved_rows_in_reordered_signatures": sum(1 for r in moved if r["target"] in reordered),
        "moved_rows_only_shifted_by_insert_or_remove": sum(1 for r in moved if r["target"] not in reordered),
        "signatures_reordered": len(reordered),
        "parameters_renamed": renamed,
    }


def analyse(old_package: griffe.Module, new_package: griffe.Module) -> tuple[dict, list[dict]]:
    """Runs griffe's check and folds its rows the way vmsync reports changes."""
    rows = [row(b) for b in griffe.find_breaking_changes(old_package, new_package)]
    old, new = Surface(old_package), Surface(new_package)

    # Repeats: the same finding on the same defining object, reached through another path.
    keys = Counter((r["kind"], r["target"], r["parameter"]) for r in rows if r["kind"] != "OBJECT_REMOVED")

    # vmsync folds every parameter-level row of one function into one `signature` finding.
    signature_rows = [r for r in rows if r["kind"] in {k.name for k in PARAMETER_KINDS}]
    kinds_per_function: dict[str, set[str]] = defaultdict(set)
    for r in signature_rows:
        kinds_per_function[r["target"]].add(r["kind"])

    removed = [r for r in rows if r["kind"] == "OBJECT_REMOVED"]
    removed_definitions = {r["target"] for r in removed if not r["is_alias"]}
    gone_modules = {m for m in old.modules if m not in new.objects}
    for r in removed:
        r["category"] = removed_category(r, removed_definitions, gone_modules, new)
    removed_module_rows = [r for r in removed if r["object_kind"] == "module"]
    took = sum(
        1 for p in old.definitions if any(p.startswith(r["path"] + ".") for r in removed_module_rows)
    )

    report = {
        "rows": len(rows),
        "rows_per_kind": dict(sorted(Counter(r["kind"] for r in rows).items())),
        "parameter_level_rows": len(signature_rows),
        "functions_with_parameter_level_rows": len(kinds_per_function),
        "functions_with_only_moved_rows": sum(1 for k in kinds_per_function.values() if k == {"PARAMETER_MOVED"}),
        "functions_with_moved_rows": sum(1 for k in kinds_per_function.values() if "PARAMETER_MOVED" in k),
        "parameters": parameter_details(old, new, rows),
        "repeated_rows_same_definition": sum(n - 1 for n in keys.values()),
        "removed_rows": len(removed),
        "removed_categories": dict(sorted(Counter(r["category"] for r in removed).items())),
        "inherited_repeats_of_a_reported_removal": sum(
            1 for r in removed if r["category"] == "inherited_repeat" and r["target"] in removed_definitions
        ),
        "removed_module_rows": len(removed_module_rows),
        "removed_modules_took_definitions": took,
        "modules_gone": len(gone_modules),
        "beyond_griffe": beyond_griffe(
            old, new, set(kinds_per_function), {r["path"] for r in removed} | {r["target"] for r in removed}
        ),
    }
    return report, rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old_tree")
    parser.add_argument("new_tree")
    parser.add_argument("--package", default="vllm")
    parser.add_argument("--rows", help="write every griffe row as JSON lines to this file")
    args = parser.parse_args()
    for tree in (args.old_tree, args.new_tree):
        if not os.path.isdir(os.path.join(tree, args.package)):
            print(f"griffe-breakages: error: {tree}: no {args.package}/ package directory", file=sys.stderr)
            return 2
    try:
        report, rows = analyse(load(args.old_tree, args.package), load(args.new_tree, args.package))
    except (ImportError, OSError) as error:
        print(f"griffe-breakages: error: {error}", file=sys.stderr)
        return 2
    if args.rows:
        # Written next to the target and renamed into place: whole or not at all.
        partial = f"{args.rows}.{os.getpid()}.tmp"
        try:
            with open(partial, "w") as out:
                out.writelines(json.dumps(r) + "\n" for r in rows)
            os.replace(partial, args.rows)
        except OSError as error:
            print(f"griffe-breakages: error: {args.rows}: {error.strerror}", file=sys.stderr)
            return 2
    json.dump(report, sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
