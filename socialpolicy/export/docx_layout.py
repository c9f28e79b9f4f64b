"""Cached field results from a layout: page numbers in the contents, numbers in cross-references.

Word and LibreOffice show a field's cached result until the field is updated. After a layout pass
(:func:`socialpolicy.office.fill_layout`) tells on which page each bookmark falls and what number its
paragraph carries, the ``PAGEREF``, ``REF`` and ``NUMPAGES`` results are set to match, so the file
reads right as it arrives.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from socialpolicy.export.ooxml import wtag as _w

_INSTRUCTION = re.compile(r"^\s*(PAGEREF|REF|NUMPAGES)\b\s*([A-Za-z_][A-Za-z0-9_]*)?", re.IGNORECASE)


def fields(root: Any) -> Iterator[tuple[str, list[Any]]]:
    """(instruction, result runs) of every complex field under ``root``, nested ones included."""
    stack: list[tuple[list[str], list[Any], bool]] = []
    for run in root.iter(_w("r")):
        char = run.find(_w("fldChar"))
        kind = char.get(_w("fldCharType")) if char is not None else None
        if kind == "begin":
            stack.append(([], [], False))
            continue
        if not stack:
            continue
        instr, results, separated = stack[-1]
        if kind == "separate":
            stack[-1] = (instr, results, True)
            continue
        if kind == "end":
            stack.pop()
            yield "".join(instr), results
            continue
        if separated:
            results.append(run)
        else:
            instr.extend(node.text or "" for node in run.findall(_w("instrText")))


def label_number(label: str) -> str:
    """The number a cross-reference shows for a heading labelled ``label`` ("9." -> "9")."""
    return label.strip().rstrip(".").strip()


def set_result(runs: list[Any], text: str) -> None:
    texts = [t for r in runs for t in r.findall(_w("t"))]
    if not texts:
        return
    texts[0].text = text
    for extra in texts[1:]:
        extra.text = ""


def apply(document: Any, bookmarks: Mapping[str, Mapping[str, Any]], pages: int) -> int:
    """Set the results of the layout-dependent fields of ``document``; returns how many were set."""
    changed = 0
    stories = [document.element.body]
    for section in document.sections:
        for story in (section.header, section.footer, section.first_page_header, section.first_page_footer):
            if not story.is_linked_to_previous:
                stories.append(story._element)
    for root in stories:
        for instruction, results in list(fields(root)):
            m = _INSTRUCTION.match(instruction)
            if not m:
                continue
            kind, name = m.group(1).upper(), m.group(2) or ""
            if kind == "NUMPAGES" and pages:
                set_result(results, str(pages))
            elif kind == "PAGEREF" and name in bookmarks:
                set_result(results, str(bookmarks[name]["page"]))
            elif kind == "REF" and name in bookmarks and bookmarks[name].get("label"):
                set_result(results, label_number(str(bookmarks[name]["label"])))
            else:
                continue
            changed += 1
    return changed
