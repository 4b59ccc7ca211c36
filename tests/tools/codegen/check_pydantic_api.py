"""Static check of a generated project against Pydantic 2's API (no Pydantic 2 needed).

Usage: check_pydantic_api.py API_JSON PROJECT_DIR

Reads every .py of the project with `ast`. The code Pydantic 2 runs is app/compat.py
without its `else:` branch of `if PYDANTIC_V2:`, and every other module whole; in it,
every name imported from pydantic must be one of API_JSON's exports, every keyword of a
call to a listed function or method one of its parameters, and nothing from
`removed_in_2` may appear (as an imported name, keyword, attribute or string key of
`__root__`). Pydantic 1's branch is checked the same way against the installed
Pydantic 1 (by import and inspect). Prints each problem; exit 1 when there is one.
"""
import ast
import inspect
import json
import pathlib
import sys


def v2_code(path, tree):
    """The statements Pydantic 2 executes: compat's v2 branch, elsewhere everything."""
    if path.name != "compat.py":
        return tree.body, []
    v2, v1 = [], []
    for node in tree.body:
        test = getattr(node, "test", None)
        if (
            isinstance(node, ast.If)
            and isinstance(test, ast.Name)
            and test.id == "PYDANTIC_V2"
        ):
            v2.extend(node.body)
            v1.extend(node.orelse)
        else:
            v2.append(node)
            v1.append(node)
    return v2, v1


def check(nodes, where, api, problems):
    exports = set(api["exports"])
    module_exports = {m: set(n) for m, n in api.get("module_exports", {}).items()}
    calls = api["calls"]
    methods = api["methods"]
    removed = set(api["removed_in_2"])
    for statement in nodes:
        for node in ast.walk(statement):
            if (
                isinstance(node, ast.ImportFrom)
                and node.module
                and node.module.startswith("pydantic")
            ):
                allowed = module_exports.get(node.module, set())
                if node.module == "pydantic":
                    allowed = exports
                for alias in node.names:
                    if alias.name not in allowed:
                        problems.append(
                            f"{where}:{node.lineno}: from {node.module} import {alias.name}"
                        )
            elif isinstance(node, ast.Call):
                name = None
                if isinstance(node.func, ast.Name) and node.func.id in calls:
                    name, allowed = node.func.id, calls[node.func.id]
                elif isinstance(node.func, ast.Attribute) and node.func.attr in methods:
                    name, allowed = node.func.attr, methods[node.func.attr]
                for keyword in node.keywords:
                    if keyword.arg in removed or (
                        name and keyword.arg and keyword.arg not in allowed
                    ):
                        problems.append(
                            f"{where}:{node.lineno}: {name or 'call'}({keyword.arg}=...)"
                        )
            elif isinstance(node, ast.Attribute) and node.attr in removed:
                problems.append(f"{where}:{node.lineno}: .{node.attr}")
            elif isinstance(node, ast.Name) and node.id in removed:
                problems.append(f"{where}:{node.lineno}: {node.id}")


def check_v1(nodes, where, problems):
    """Pydantic 1's branch against the installed Pydantic 1."""
    import pydantic

    if pydantic.VERSION.startswith("2."):
        return
    for statement in nodes:
        for node in ast.walk(statement):
            if (
                isinstance(node, ast.ImportFrom)
                and node.module
                and node.module.startswith("pydantic")
            ):
                module = __import__(node.module, fromlist=["_"])
                for alias in node.names:
                    if not hasattr(module, alias.name):
                        problems.append(
                            f"{where}:{node.lineno}: Pydantic 1 has no {alias.name}"
                        )
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                function = getattr(pydantic, node.func.id, None)
                if node.func.id in ("conlist", "constr", "conint", "confloat", "Field"):
                    parameters = inspect.signature(function).parameters
                    varkw = any(p.kind == p.VAR_KEYWORD for p in parameters.values())
                    for keyword in node.keywords:
                        if keyword.arg not in parameters and not varkw:
                            problems.append(
                                f"{where}:{node.lineno}: Pydantic 1 {node.func.id}({keyword.arg}=...)"
                            )


def main():
    api = json.loads(pathlib.Path(sys.argv[1]).read_text())
    problems = []
    for path in sorted(pathlib.Path(sys.argv[2]).rglob("*.py")):
        tree = ast.parse(path.read_text(), str(path))
        v2, v1 = v2_code(path, tree)
        check(v2, str(path), api, problems)
        check_v1(v1, str(path), problems)
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
