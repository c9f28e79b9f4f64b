"""The sandbox's budget: every render and condition ends within it, with text or the program's own error.

A property test builds clause text from the whole grammar the sandbox lets through (loops, conditions,
assignments, captured blocks, filter blocks, every filter, the methods of text, lists and mappings, the
operators, literals of every kind, slices and lookups), and texts the sandbox must refuse (nested
loops, methods that change a list, filters it removed). It runs in a child process with a 2 GB address
space, so a text that escaped the budget would fail with ``MemoryError`` (reported separately from the
budget's own refusals) or by running past a CPU-time alarm far beyond anything the budget allows.
"""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest
from hypothesis import strategies as st

from tests.conftest import ROOT

NUMBERS = ["0", "1", "2", "3", "-1", "7", "64", "99", "4096", "99999", "10 ** 9", "2.5"]
TEXTS = ["''", "'x'", "'ab '", "'{}'", "'{0}{0}'", "'%s'", "'%s%s'", "'\\t'", "'a\\nb'", "'colour'", "'@'"]
NAMES = ["organisation_name", "jurisdictions", "answers_list", "missing_answer", "n"]
FILTERS = [
    "abs", "batch", "capitalize", "center", "count", "d", "default", "dictsort", "e", "escape", "filesizeformat",
    "first", "float", "forceescape", "format", "groupby", "indent", "int", "items", "join", "last", "length",
    "list", "lower", "map", "max", "min", "random", "reject", "rejectattr", "replace", "reverse", "round",
    "safe", "select", "selectattr", "slice", "sort", "string", "striptags", "sum", "title", "trim", "truncate",
    "unique", "upper", "urlencode", "wordcount", "wordwrap",
    # refused or removed: the text must fail cleanly
    "attr", "pprint", "tojson", "urlize", "xmlattr",
]  # fmt: skip
METHODS = [
    "upper", "lower", "title", "strip", "split", "splitlines", "join", "replace", "format", "format_map",
    "center", "ljust", "rjust", "zfill", "expandtabs", "count", "find", "index", "startswith", "partition",
    "get", "items", "keys", "values", "copy", "bit_length", "is_integer", "cycle", "changed",
    # refused: they change a list or mapping, make bytes, or multiply text
    "append", "extend", "pop", "insert", "update", "setdefault", "clear", "encode", "translate", "sort",
]  # fmt: skip
OPERATORS = ["+", "-", "*", "/", "//", "%", "**", "~"]
COMPARISONS = ["==", "!=", "<", ">=", "in", "not in"]


def _untyped() -> st.SearchStrategy[str]:
    """Any expression of the grammar, mostly ill-typed: the sandbox must refuse it cleanly."""
    leaves = st.sampled_from(
        NUMBERS + TEXTS + NAMES + ["none", "true", "false", "loop.index", "range(99999)"]
    )

    def extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        args = st.lists(inner, max_size=2).map(", ".join)
        return st.one_of(
            st.tuples(inner, st.sampled_from(OPERATORS), inner).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
            st.tuples(inner, st.sampled_from(COMPARISONS), inner).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
            st.tuples(inner, st.sampled_from(FILTERS), args).map(lambda t: f"({t[0]}|{t[1]}({t[2]}))"),
            st.tuples(inner, st.sampled_from(METHODS), args).map(lambda t: f"{t[0]}.{t[1]}({t[2]})"),
            st.lists(inner, max_size=4).map(lambda items: f"[{', '.join(items)}]"),
            st.lists(inner, min_size=1, max_size=3).map(lambda items: f"({', '.join(items)},)"),
            st.tuples(st.sampled_from(["'a'", "'b'", "1"]), inner).map(lambda t: f"{{{t[0]}: {t[1]}}}"),
            st.tuples(inner, inner).map(lambda t: f"{t[0]}[{t[1]}]"),
            st.tuples(inner, st.sampled_from(["", "1", "-1", "99999"]), st.sampled_from(["", "2", "-1"])).map(
                lambda t: f"{t[0]}[{t[1]}:{t[2]}]"
            ),
            st.tuples(inner, inner, inner).map(lambda t: f"({t[0]} if {t[1]} else {t[2]})"),
            inner.map(lambda e: f"range({e})"),
            inner.map(lambda e: f"dict(a={e})"),
            inner.map(lambda e: f"ref({e})"),
            inner.map(lambda e: f"{e}.real"),
        )

    return st.recursive(leaves, extend, max_leaves=12)


def _typed() -> st.SearchStrategy[str]:
    """Well-typed expressions that build text, lists, mappings and numbers, large ones especially: the
    ones that reach the budget rather than a type error."""
    ints = st.deferred(lambda: st.one_of(
        st.sampled_from(["0", "1", "2", "3", "9", "64", "999", "30000", "99999", "n", "loop.index"]),
        strs.map(lambda e: f"({e}|length)"),
        lists.map(lambda e: f"({e}|length)"),
        st.tuples(ints, st.sampled_from(["+", "*", "-", "//"]), ints).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        ints.map(lambda e: f"({e} ** 2)"),
        lists.map(lambda e: f"({e}|sum)"),
    ))  # fmt: skip
    strs = st.deferred(lambda: st.one_of(
        st.sampled_from([*TEXTS, "organisation_name", "missing_answer", "ref('s')"]),
        st.tuples(strs, strs).map(lambda t: f"({t[0]} ~ {t[1]})"),
        st.tuples(strs, strs).map(lambda t: f"({t[0]} + {t[1]})"),
        st.tuples(strs, ints).map(lambda t: f"({t[0]} * {t[1]})"),
        st.tuples(strs, strs, strs).map(lambda t: f"{t[0]}.replace({t[1]}, {t[2]})"),
        st.tuples(strs, strs, strs).map(lambda t: f"({t[0]}|replace({t[1]}, {t[2]}))"),
        st.tuples(strs, st.sampled_from(["center", "indent", "wordwrap", "truncate"]), ints).map(
            lambda t: f"({t[0]}|{t[1]}({t[2]}))"
        ),
        st.tuples(strs, st.sampled_from(["center", "ljust", "zfill", "expandtabs"]), ints).map(
            lambda t: f"{t[0]}.{t[1]}({t[2]})"
        ),
        st.tuples(strs, strs, strs).map(lambda t: f"{t[0]}.format({t[1]}, {t[2]})"),
        st.tuples(strs, strs).map(lambda t: f"({t[0]} % ({t[1]},))"),
        st.tuples(lists, strs).map(lambda t: f"({t[0]}|join({t[1]}))"),
        st.tuples(strs, lists).map(lambda t: f"{t[0]}.join({t[1]})"),
        st.tuples(strs, st.sampled_from(["upper", "title", "trim", "striptags", "string", "reverse|join"])).map(
            lambda t: f"({t[0]}|{t[1]})"
        ),
        st.tuples(strs, ints, ints).map(lambda t: f"{t[0]}[{t[1]}:{t[2]}]"),
        lists.map(lambda e: f"({e}|string)"),
        dicts.map(lambda e: f"({e}|string)"),
    ))  # fmt: skip
    lists = st.deferred(lambda: st.one_of(
        st.sampled_from(["jurisdictions", "answers_list", "[]", "[1, 2, 3]", "['a', 'b']"]),
        st.lists(st.one_of(strs, ints), max_size=4).map(lambda items: f"[{', '.join(items)}]"),
        st.tuples(lists, ints).map(lambda t: f"({t[0]} * {t[1]})"),
        st.tuples(lists, lists).map(lambda t: f"({t[0]} + {t[1]})"),
        ints.map(lambda e: f"(range({e})|list)"),
        strs.map(lambda e: f"{e}.split()"),
        strs.map(lambda e: f"({e}|list)"),
        st.tuples(lists, st.sampled_from(["sort", "unique|list", "reverse|list", "map('string')|list",
                                          "map('upper')|list", "select|list", "batch(3)|list",
                                          "slice(2)|list", "sum(start=[])"])).map(
            lambda t: f"({t[0]}|{t[1]})"
        ),
        st.tuples(lists, ints).map(lambda t: f"({t[0]}|batch({t[1]}, 'x')|list)"),
        st.tuples(lists, ints, ints).map(lambda t: f"{t[0]}[{t[1]}:{t[2]}]"),
        dicts.map(lambda e: f"({e}.items()|list)"),
    ))  # fmt: skip
    dicts = st.deferred(lambda: st.one_of(
        st.tuples(st.one_of(strs, ints), st.one_of(strs, lists)).map(lambda t: f"{{'k': {t[1]}, 'j': {t[0]}}}"),
        st.one_of(strs, lists).map(lambda e: f"dict(a={e}, b={e})"),
    ))  # fmt: skip
    return st.one_of(ints, strs, lists, dicts)


def _expressions() -> st.SearchStrategy[str]:
    return st.one_of(_typed(), _untyped()).filter(lambda e: len(e) <= 3000)


EXPRESSIONS = _expressions()


def _bodies() -> st.SearchStrategy[str]:
    text = st.sampled_from(["", "Staff may post. ", "x", "{{ '{{' }}", "\n", "[link](http://example.org) "])
    leaf = st.one_of(text, EXPRESSIONS.map(lambda e: f"{{{{ {e} }}}}"))

    def extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        body = st.lists(inner, max_size=3).map("".join)
        return st.one_of(
            st.tuples(EXPRESSIONS, body).map(lambda t: f"{{% for x in {t[0]} %}}{t[1]}{{% endfor %}}"),
            st.tuples(st.sampled_from(["99999", "30000", "999"]), body).map(
                lambda t: f"{{% for i in range({t[0]}) %}}{t[1]}{{% endfor %}}"
            ),
            st.tuples(EXPRESSIONS, body, body).map(
                lambda t: f"{{% if {t[0]} %}}{t[1]}{{% else %}}{t[2]}{{% endif %}}"
            ),
            EXPRESSIONS.map(lambda e: f"{{% set n = {e} %}}"),
            body.map(lambda b: f"{{% set n %}}{b}{{% endset %}}{{{{ n|length }}}}"),
            st.tuples(st.sampled_from(["upper", "trim", "center(40)", "replace('a', 'bb')"]), body).map(
                lambda t: f"{{% filter {t[0]} %}}{t[1]}{{% endfilter %}}"
            ),
            st.tuples(EXPRESSIONS, body).map(lambda t: f"{{% with n = {t[0]} %}}{t[1]}{{% endwith %}}"),
            body,
        )

    return st.recursive(leaf, extend, max_leaves=8).filter(lambda s: len(s) <= 4000)


BODIES = _bodies()
VARIABLES: dict[str, Any] = {
    "organisation_name": "Acme",
    "jurisdictions": ["uk", "eu"],
    "answers_list": ["a" * 200] * 50,
    "n": 3,
}

CHILD = r"""
import signal, resource, sys
resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
from hypothesis import given, settings, HealthCheck
from socialpolicy import sandbox
from socialpolicy.errors import InputError
from tests.robustness import test_budget as spec

class Runaway(Exception):
    pass

def alarm(signum, frame):
    raise Runaway("a render ran past 20 seconds of CPU time: it escaped the budget")

signal.signal(signal.SIGPROF, alarm)
seen = {"text": 0, "refused": 0}

def bounded(run):
    signal.setitimer(signal.ITIMER_PROF, 20)
    try:
        return run()
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)

def judge(run):
    try:
        result = bounded(run)
    except InputError as exc:
        line = exc.line()
        assert "\n" not in line and len(line) < 1000, line
        assert "memory" not in line, "the budget let a text exhaust memory: " + line
        seen["refused"] += 1
        return None
    seen["text"] += 1
    return result

PROFILE = settings(max_examples=int(sys.argv[1]), deadline=None, derandomize=True, database=None,
                   suppress_health_check=list(HealthCheck))

@PROFILE
@given(spec.BODIES)
def bodies(text):
    result = judge(lambda: sandbox.render(text, spec.VARIABLES, functions={"ref": lambda s="": f"[{s}]"}))
    if result is not None:
        out, missing = result
        assert isinstance(out, str) and len(out) <= sandbox.MAX_OUTPUT
        assert "<class" not in out and "<built-in" not in out

@PROFILE
@given(spec.EXPRESSIONS)
def conditions(text):
    result = judge(lambda: sandbox.evaluate(text, spec.VARIABLES))
    assert result is None or isinstance(result, bool)

bodies()
conditions()
print(f"rendered {seen['text']}, refused {seen['refused']}")
assert seen["text"] > 10 and seen["refused"] > 10, seen
"""


@pytest.mark.skipif(sys.platform == "win32", reason="needs the resource and signal modules (POSIX)")
def test_every_text_of_the_grammar_ends_within_the_budget() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, "150"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        timeout=900,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-6000:]
    assert "rendered" in proc.stdout
