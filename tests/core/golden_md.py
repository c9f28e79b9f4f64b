"""Golden Markdown exports of every fixture: reviewed text, so that wording changes show up in review.

Refresh after a deliberate change with ``python -m tests.core.golden_md`` and review the diff.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from socialpolicy import templates
from socialpolicy.assembly import assemble
from socialpolicy.export.markdown import to_markdown
from socialpolicy.library import Catalog
from socialpolicy.render import render
from tests.conftest import ROOT, TEMPLATE_IDS, fixtures_for

GOLDEN_DIR = ROOT / "tests" / "golden" / "md"
FIXED_DAY = dt.date(2026, 11, 1)


def render_golden(template_id: str, answers_path: Path) -> str:
    template = templates.get(template_id)
    catalog = Catalog.default()
    project = assemble(
        template, json.loads(answers_path.read_text(encoding="utf-8")), catalog, today=FIXED_DAY
    )
    text = to_markdown(render(project, catalog, template), "pandoc")  # the reviewed form: ids kept
    return "\n".join(line for line in text.splitlines() if not line.startswith("generator: ")) + "\n"


def refresh() -> list[Path]:
    written = []
    for template_id in TEMPLATE_IDS:
        for path in fixtures_for(template_id):
            out = GOLDEN_DIR / template_id / f"{path.stem}.md"
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(render_golden(template_id, path), encoding="utf-8")
            written.append(out)
    return written


if __name__ == "__main__":
    for p in refresh():
        print(p.relative_to(ROOT))
