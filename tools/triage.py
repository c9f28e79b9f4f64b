"""List the sentences the learned reading scores as unlawful-looking and the NLRA rules are silent on.

    python -m tools.triage POLICY.md [POLICY.docx PROJECT.policy.json CORPUS.json ...] [--all] [--limit N]

A development tool (docs/LEARNED.md), not a check: it reads its files and writes nothing. A policy is read as
``socialpolicy check`` reads it (socialpolicy.workspace.load_document) and checked with ``--jurisdiction us``
under the Stericycle standard; each sentence of each clause (socialpolicy.checks.text.units) is scored by the
model of socialpolicy/checks/learned.json. A corpus file (JSON whose ``entries`` hold a ``text``, as
tests/data/checks/real/*.json) is read one entry at a time, each checked alone in a minimal policy as
tests/checks/real_corpus.py checks it.

Listed: each sentence scoring at or above the model's frozen threshold that draws no warning or error of the
checker's patterns (its ``nlra.*`` rules other than nlra.resembles-unlawful, which is the model itself), or
with ``--all`` every sentence at or above it with the findings it draws; highest score first, with the two
nearest labelled rules and their sources. ``--limit N`` lists at most N per file.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from socialpolicy.checks import learned as scorer

NEIGHBOURS = 2
SHOWN = 160  # characters of a neighbour's text shown, and of its source's name


@dataclass(frozen=True)
class Sentence:
    where: str  # "3.2 Confidentiality", or a corpus entry's id and label
    text: str
    findings: tuple[str, ...]  # the nlra.* rules (warnings and errors) that fire on it


LEARNED_RULE = "nlra.resembles-unlawful"


def _nlra(findings: list[Any]) -> list[Any]:
    """The findings of the checker's patterns (nlra.resembles-unlawful is the model itself)."""
    return [
        f
        for f in findings
        if f.rule.startswith("nlra.") and f.rule != LEARNED_RULE and f.severity in ("error", "warning")
    ]


def _options() -> Any:
    from socialpolicy import checks

    return checks.Options(jurisdictions=("us",), standard="stericycle")


def policy_sentences(path: Path) -> Iterator[Sentence]:
    """Every sentence of the policy at ``path``, with the nlra.* findings that quote it."""
    from socialpolicy import checks
    from socialpolicy.checks.text import normalise, plain, units
    from socialpolicy.workspace import load_document

    loaded = load_document(path)
    report = checks.run(loaded.document, _options(), catalog=loaded.catalog, source=str(path))
    found = _nlra(report.findings)
    for _, block in loaded.document.blocks():
        mine = [f for f in found if f.clause == block.clause_id]
        for unit in units(plain(block.text)):
            quoted = tuple(dict.fromkeys(f.rule for f in mine if _quotes(f.excerpt, unit, normalise)))
            yield Sentence(f"{block.number} {block.title}".strip(), unit, quoted)


def _quotes(excerpt: str | None, unit: str, normalise: Any) -> bool:
    """Whether a finding quoting ``excerpt`` is about ``unit`` (without an excerpt: about every unit)."""
    if not excerpt:
        return True
    a = " ".join(normalise(excerpt).rstrip("…").split())
    b = " ".join(normalise(unit).split())
    return bool(a) and (a in b or b in a)


def corpus_sentences(entries: list[dict[str, Any]]) -> Iterator[Sentence]:
    """Each entry's text alone in a minimal policy, as tests/checks/real_corpus.py checks it."""
    from socialpolicy import checks
    from socialpolicy.importers.markdown import project_from_markdown
    from socialpolicy.library import Catalog
    from socialpolicy.workspace import document_as_found

    catalog = Catalog.configured()
    for n, e in enumerate(entries, 1):
        text = e["text"]
        markdown = f"# Social media policy\n\n## Rules\n\n### Using social media\n\n{text}\n"
        doc = document_as_found(
            project_from_markdown(markdown, "policy.md"), markdown, catalog, "policy.md", "markdown"
        )
        report = checks.run(doc, _options(), catalog=catalog, source="policy.md")
        label = f" [{e['stericycle']}]" if "stericycle" in e else ""
        rules = tuple(dict.fromkeys(f.rule for f in _nlra(report.findings)))
        yield Sentence(f"{e.get('id', f'entry {n}')}{label}", text, rules)


def _corpus_entries(path: Path) -> list[dict[str, Any]] | None:
    """The entries of a corpus file, or ``None`` when ``path`` is not one (a policy, or a project)."""
    if path.suffix.lower() != ".json" or path.name.endswith(".policy.json"):
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    items = data.get("entries") if isinstance(data, dict) else data
    if isinstance(items, list) and items and all(isinstance(e, dict) and "text" in e for e in items):
        return items
    return None


def triage(path: Path, every: bool = False, limit: int | None = None) -> list[str]:
    """The lines printed for one file."""
    model = scorer.model()
    entries = _corpus_entries(path)
    sentences = list(corpus_sentences(entries) if entries is not None else policy_sentences(path))
    scored = [(model.score(s.text), i, s) for i, s in enumerate(sentences)]
    above = [x for x in scored if x[0] >= model.threshold]
    silent = [x for x in above if not x[2].findings]
    listed = sorted(above if every else silent, key=lambda x: (-x[0], x[1]))[:limit]
    known = {r.id for r in model.rules} & {e.get("id") for e in entries or ()}
    lines = [
        f"== {path}: {len(sentences)} sentence{'' if len(sentences) == 1 else 's'}, "
        f"{len(above)} at or above the threshold {model.threshold:.3f}, "
        f"{len(silent)} of them with no nlra finding"
        + (f"; showing {len(listed)}" if len(listed) < (len(above) if every else len(silent)) else "")
    ]
    if known:
        lines.append(
            f"   ({len(known)} of its entries are rules the model was trained on: their scores are in-sample)"
        )
    for score, _, s in listed:
        verdict = "checker silent" if not s.findings else f"checker: {', '.join(s.findings)}"
        lines.append(f"{score:.3f}  {verdict}  ({s.where})")
        lines.append(f"    {' '.join(s.text.split())}")
        for similarity, label, source, text in model.neighbours(s.text, NEIGHBOURS):
            lines.append(f"    resembles ({similarity:.2f}, {label}): {_short(text)} ({_short(source)})")
    return lines


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SHOWN else text[: SHOWN - 1].rstrip() + "…"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "paths", nargs="+", type=Path, help="policies (.md, .docx, .policy.json) or corpus JSON"
    )
    parser.add_argument("--all", action="store_true", help="every sentence at or above the threshold")
    parser.add_argument("--limit", type=int, default=None, metavar="N", help="at most N sentences per file")
    args = parser.parse_args(argv)
    from socialpolicy.errors import InputError

    status = 0
    for path in args.paths:
        try:
            lines = triage(path, args.all, args.limit)
        except (InputError, OSError) as exc:
            print(f"== {path}: cannot be read: {exc}", file=sys.stderr)
            status = 1
            continue
        print("\n".join(lines))
    return status


if __name__ == "__main__":
    sys.exit(main())
