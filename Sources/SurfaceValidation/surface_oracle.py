"""Reference API surface of Python files, read with CPython's own `ast` module.

Usage: surface_oracle.py ROOT LISTFILE
LISTFILE holds repository-relative paths, one a line. For each file one JSON line is printed:
{"file", "ok": true, "symbols": [...], "exports": [...] or null, "stars": [...]}
or {"file", "ok": false, "error": "..."} when `ast` cannot parse it.
The path, overload, redefinition and `__all__` rules mirror vmsync's extractor; source text
is each node's source segment, as `ast.get_source_segment` gives it. Standard library only, Python 3.8+.
"""

import ast
import io
import json
import sys
import tokenize

PARAM_KINDS = ("positional-only", "positional-or-keyword", "var-positional", "keyword-only",
               "var-keyword")


def module_name(path):
    parts = path.split("/")
    last = parts.pop()
    last = last[: last.rfind(".")]
    if last == "__init__":
        return ".".join(parts), True
    parts.append(last)
    return ".".join(parts), False


class Surface:
    def __init__(self, source, module, is_package):
        self.data = source.encode("utf-8")
        self.line_starts = line_starts(self.data)
        self.module = module
        self.is_package = is_package
        self.symbols = {}  # path -> (row, is_overload); dicts keep insertion order
        self.exports = None
        self.stars = []

    def seg(self, node):
        """`ast.get_source_segment` without re-splitting the file on every call."""
        if node is None or getattr(node, "end_lineno", None) is None:
            return None
        start = self.line_starts[node.lineno - 1] + node.col_offset
        end = self.line_starts[node.end_lineno - 1] + node.end_col_offset
        return self.data[start:end].decode("utf-8", "replace")

    def add(self, row, overload=False):
        path = row["path"]
        old = self.symbols.get(path)
        if old is not None:
            previous, was_overload = old
            if overload and not was_overload and previous["kind"] in ("function", "method"):
                return
            if (row["kind"] == "attribute" and previous["kind"] == "attribute"
                    and row.get("annotation") is None):
                row["annotation"] = previous.get("annotation")
            del self.symbols[path]
            if previous["kind"] == "class":
                prefix = path + "."
                for key in [k for k in self.symbols if k.startswith(prefix)]:
                    del self.symbols[key]
        self.symbols[path] = (row, overload)

    def resolve(self, level, module):
        if level == 0:
            return module or ""
        parts = self.module.split(".") if self.module else []
        if not self.is_package and parts:
            parts.pop()
        if level - 1 > len(parts):
            parts = []
        elif level > 1:
            parts = parts[: len(parts) - (level - 1)]
        if module:
            parts.append(module)
        return ".".join(parts)

    def params(self, args):
        rows = []
        positional = args.posonlyargs + args.args if hasattr(args, "posonlyargs") else args.args
        n_posonly = len(getattr(args, "posonlyargs", []))
        defaults = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
        for i, (arg, default) in enumerate(zip(positional, defaults)):
            rows.append(self.param(arg, 0 if i < n_posonly else 1, default))
        if args.vararg:
            rows.append(self.param(args.vararg, 2, None))
        for arg, default in zip(args.kwonlyargs, args.kw_defaults):
            rows.append(self.param(arg, 3, default))
        if args.kwarg:
            rows.append(self.param(args.kwarg, 4, None))
        return rows

    def param(self, arg, kind, default):
        return {"name": arg.arg, "kind": PARAM_KINDS[kind], "default": self.seg(default),
                "annotation": self.seg(arg.annotation)}

    def class_arguments(self, node):
        items = [(getattr(b, "lineno", 0), getattr(b, "col_offset", 0), self.seg(b)) for b in node.bases]
        for kw in node.keywords:
            text = self.seg(kw) if hasattr(kw, "lineno") else None
            if text is None:
                value = self.seg(kw.value)
                text = "**" + value if kw.arg is None else kw.arg + "=" + value
            items.append((getattr(kw, "lineno", 0), getattr(kw, "col_offset", 0), text))
        items.sort(key=lambda item: (item[0], item[1]))
        return [text for _, _, text in items]

    def visit(self, body, scope, in_class):
        for node in body:
            self.statement(node, scope, in_class)

    def statement(self, node, scope, in_class):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            decorators = [self.seg(d) for d in node.decorator_list]
            overload = any(d == "overload" or d.endswith(".overload") for d in decorators)
            self.add({"path": scope + "." + node.name, "kind": "method" if in_class else "function",
                      "line": node.lineno, "params": self.params(node.args),
                      "returns": self.seg(node.returns), "decorators": decorators}, overload)
        elif isinstance(node, ast.ClassDef):
            path = scope + "." + node.name
            self.add({"path": path, "kind": "class", "line": node.lineno,
                      "bases": self.class_arguments(node),
                      "decorators": [self.seg(d) for d in node.decorator_list]})
            self.visit(node.body, path, True)
        elif isinstance(node, ast.Assign):
            names = []
            for target in node.targets:
                target_names(target, names)
            for name in names:
                self.attribute(scope, name, self.seg(node.value), None)
                if not in_class and name.id == "__all__":
                    self.exports = string_list(node.value)
        elif isinstance(node, ast.AnnAssign):
            if isinstance(node.target, ast.Name) and node.simple:
                self.attribute(scope, node.target, self.seg(node.value), self.seg(node.annotation))
                if not in_class and node.target.id == "__all__":
                    self.exports = string_list(node.value) if node.value is not None else None
        elif isinstance(node, ast.AugAssign):
            if (not in_class and isinstance(node.target, ast.Name) and node.target.id == "__all__"
                    and isinstance(node.op, ast.Add)):
                self.extend(string_list(node.value))
        elif isinstance(node, ast.Expr):
            call = node.value
            if (not in_class and isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                    and isinstance(call.func.value, ast.Name) and call.func.value.id == "__all__"
                    and len(call.args) == 1 and not call.keywords):
                if call.func.attr == "extend":
                    self.extend(string_list(call.args[0]))
                elif call.func.attr == "append":
                    value = call.args[0]
                    ok = isinstance(value, ast.Constant) and isinstance(value.value, str)
                    self.extend([value.value] if ok else None)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                bound = alias.asname or alias.name.split(".")[0]
                target = alias.name if alias.asname else bound
                self.add({"path": scope + "." + bound, "kind": "alias",
                          "line": getattr(alias, "lineno", node.lineno), "target": target})
        elif isinstance(node, ast.ImportFrom):
            base = self.resolve(node.level or 0, node.module)
            for alias in node.names:
                if alias.name == "*":
                    if not in_class:
                        self.stars.append(base)
                    continue
                target = base + "." + alias.name if base else alias.name
                self.add({"path": scope + "." + (alias.asname or alias.name), "kind": "alias",
                          "line": getattr(alias, "lineno", node.lineno), "target": target})
        elif type(node).__name__ == "TypeAlias":
            self.attribute(scope, node.name, self.seg(node.value), None)
        elif isinstance(node, ast.If):
            self.visit(node.body, scope, in_class)
            self.visit(node.orelse, scope, in_class)
        elif isinstance(node, (ast.For, ast.AsyncFor, ast.While)):
            self.visit(node.body, scope, in_class)
            self.visit(node.orelse, scope, in_class)
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            self.visit(node.body, scope, in_class)
        elif isinstance(node, ast.Try) or type(node).__name__ == "TryStar":
            self.visit(node.body, scope, in_class)
            for handler in node.handlers:
                self.visit(handler.body, scope, in_class)
            self.visit(node.orelse, scope, in_class)
            self.visit(node.finalbody, scope, in_class)
        elif type(node).__name__ == "Match":
            for case in node.cases:
                self.visit(case.body, scope, in_class)

    def attribute(self, scope, name, value, annotation):
        self.add({"path": scope + "." + name.id, "kind": "attribute", "line": name.lineno,
                  "value": value, "annotation": annotation})

    def extend(self, names):
        if names is None or self.exports is None:
            self.exports = None
        else:
            self.exports.extend(names)


def line_starts(data):
    """Byte offsets of each line's start; lines end at \\n, \\r\\n or \\r, as in `ast`."""
    starts = [0]
    i, n = 0, len(data)
    while i < n:
        c = data[i]
        if c == 10 or c == 13:
            if c == 13 and i + 1 < n and data[i + 1] == 10:
                i += 1
            starts.append(i + 1)
        i += 1
    return starts


def target_names(target, names):
    if isinstance(target, ast.Name):
        names.append(target)
    elif isinstance(target, (ast.Tuple, ast.List)):
        for element in target.elts:
            target_names(element, names)
    elif isinstance(target, ast.Starred):
        target_names(target.value, names)


def string_list(node):
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = string_list(node.left), string_list(node.right)
        return None if left is None or right is None else left + right
    if isinstance(node, (ast.List, ast.Tuple)):
        values = []
        for element in node.elts:
            if not (isinstance(element, ast.Constant) and isinstance(element.value, str)):
                return None
            values.append(element.value)
        return values
    return None


def main():
    root, list_file = sys.argv[1], sys.argv[2]
    with open(list_file, encoding="utf-8") as handle:
        files = [line.rstrip("\n") for line in handle if line.strip()]
    out = sys.stdout
    for path in files:
        try:
            with open(root + "/" + path, "rb") as handle:
                data = handle.read()
            tree = ast.parse(data, filename=path)
            encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
            source = data.decode(encoding)
        except (SyntaxError, ValueError, UnicodeDecodeError, LookupError, OSError, MemoryError,
                RecursionError) as e:
            out.write(json.dumps({"file": path, "ok": False, "error": "%s: %s" % (type(e).__name__, e)}) + "\n")
            continue
        module, is_package = module_name(path)
        surface = Surface(source, module, is_package)
        try:
            surface.visit(tree.body, module, False)
        except RecursionError as e:
            out.write(json.dumps({"file": path, "ok": False, "error": "RecursionError: %s" % e}) + "\n")
            continue
        rows = [row for row, _ in surface.symbols.values()]
        out.write(json.dumps({"file": path, "ok": True, "symbols": rows, "exports": surface.exports,
                              "stars": surface.stars}) + "\n")


if __name__ == "__main__":
    main()
