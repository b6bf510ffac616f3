"""The linter and the type checker are part of the suite: ``make test`` fails on what they find."""

from __future__ import annotations

import ast
import itertools
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _tool(name: str) -> str:
    # The one installed beside the interpreter running the tests (the project's venv).
    beside = Path(sys.executable).with_name(name)
    return str(beside) if beside.exists() else (shutil.which(name) or name)


def test_ruff_finds_nothing():
    result = subprocess.run(
        [_tool("ruff"), "check", "src", "api", "tests", "benchmarks"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_code_is_formatted():
    result = subprocess.run(
        [_tool("ruff"), "format", "--check", "src", "api", "tests", "benchmarks"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, "run `ruff format src api tests benchmarks`:\n" + result.stdout + result.stderr


def test_mypy_finds_nothing():
    result = subprocess.run([_tool("mypy")], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


# One place for SPARQL text, one for IRIs ---------------------------------------------------------------

QUERY_MODULES = {"src/ecosystem/queries.py", "src/ecosystem/store"}
"""Where SPARQL text may be written: the queries layer and the store backends."""
NAMESPACE_MODULE = "src/ecosystem/namespaces.py"

_SPARQL = re.compile(
    r"\b(SELECT|CONSTRUCT|DESCRIBE)\b[^\n]*[?$][A-Za-z_]|\bASK\s*(WHERE\s*)?\{|\bGRAPH\s*[<?]"
    r"|\b(INSERT|DELETE)\s+(DATA|WHERE)\b|\bDROP\s+(SILENT\s+)?GRAPH\b"
)


def _namespaces() -> list[str]:
    """Every namespace IRI ecosystem.namespaces declares (the project's and the vocabularies' it uses)."""
    from ecosystem import namespaces

    found = {str(value) for name, value in vars(namespaces).items() if name.isupper() and not isinstance(value, dict)}
    return sorted(iri for iri in found if iri.startswith(("http://", "https://")))


def _code_strings(path: Path) -> list[tuple[int, str]]:
    """The string literals of a module, f-strings joined (``{…}`` for a value), docstrings left out (their examples show IRIs)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
        # An attribute docstring: a string statement right after an assignment.
        for statements in (getattr(node, "body", None), getattr(node, "orelse", None)):
            if not isinstance(statements, list):  # a lambda's body is an expression
                continue
            for before, after in itertools.pairwise(statements):
                if (
                    isinstance(before, ast.Assign | ast.AnnAssign)
                    and isinstance(after, ast.Expr)
                    and isinstance(after.value, ast.Constant)
                ):
                    docstrings.add(id(after.value))
    inside_fstrings = {id(part) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for part in node.values}
    strings = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            text = "".join(part.value if isinstance(part, ast.Constant) else "{…}" for part in node.values)
            strings.append((node.lineno, text))
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
            and id(node) not in inside_fstrings
        ):
            strings.append((node.lineno, node.value))
    return strings


def _modules(*allowed: str) -> list[Path]:
    return [
        path
        for folder in ("src/ecosystem", "api")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if not any(path.relative_to(ROOT).as_posix().startswith(a) for a in allowed)
    ]


def test_sparql_text_is_written_in_the_queries_layer_only():
    found = [
        f"{path.relative_to(ROOT)}:{line}: {text[:80]!r}"
        for path in _modules(*QUERY_MODULES)
        for line, text in _code_strings(path)
        if _SPARQL.search(text)
    ]
    assert not found, "\n".join(found)


def test_no_namespace_iri_is_retyped_outside_the_namespaces_module():
    iris = _namespaces()
    assert "https://w3id.org/ecosysteme/" in iris and "http://www.w3.org/2004/02/skos/core#" in iris
    found = [
        f"{path.relative_to(ROOT)}:{line}: {text[:80]!r}"
        for path in _modules(NAMESPACE_MODULE)
        for line, text in _code_strings(path)
        if any(iri in text for iri in iris)
    ]
    assert not found, "\n".join(found)


def test_the_checks_catch_what_they_look_for(tmp_path):
    """A planted query and a planted IRI are found (the two tests above can fail)."""
    planted = tmp_path / "planted.py"
    planted.write_text(
        '"""Doc: SELECT ?s WHERE { ?s ?p ?o } https://w3id.org/ecosysteme/id/x."""\n'
        'X = f"SELECT ?s WHERE {{ GRAPH <{1}> {{ ?s ?p ?o }} }}"\n'
        'Y = "https://w3id.org/ecosysteme/id/acteur/"\n'
        'Z = "SELECT id FROM accounts WHERE name = ?"\n'
        'W = f"ASK {{ <{1}> a <{2}> }}"\n',
        encoding="utf-8",
    )
    strings = _code_strings(planted)
    assert sorted(line for line, text in strings if _SPARQL.search(text)) == [2, 5]
    assert [line for line, text in strings if any(iri in text for iri in _namespaces())] == [3]


# Short functions ----------------------------------------------------------------------------------------

MAX_FUNCTION_LINES = 60
"""A function's body, its docstring left out, at most this long (the project's « no function over ~60 lines »)."""


def _long_functions(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if len(body) > 1 and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                body = body[1:]
            lines = (node.end_lineno or node.lineno) - body[0].lineno + 1
            if lines > MAX_FUNCTION_LINES:
                found.append(
                    f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}:{node.lineno} {node.name} ({lines})"
                )
    return found


def test_no_function_is_longer_than_the_rule():
    """The code and the benchmarks (the tests, which read as a user's story, are left out)."""
    paths = [path for folder in ("src", "api", "benchmarks") for path in sorted((ROOT / folder).rglob("*.py"))]
    found = [line for path in paths for line in _long_functions(path)]
    assert not found, "\n".join(found)


def test_the_length_check_counts_a_body_without_its_docstring(tmp_path):
    planted = tmp_path / "long.py"
    body = "".join(f"    x{k} = {k}\n" for k in range(MAX_FUNCTION_LINES))
    planted.write_text(
        f'def fits():\n    """Doc."""\n{body}\n\ndef too_long():\n{body}    return x0\n', encoding="utf-8"
    )
    assert [line.rsplit(" ", 2)[-2:] for line in _long_functions(planted)] == [
        ["too_long", f"({MAX_FUNCTION_LINES + 1})"]
    ]
