"""Write socialpolicy/checks/keywords.json: the required words of every pattern the rules gate.

    python -m tools.keywords          # rewrite the file
    python -m tools.keywords --check  # exit 1 when the file is out of date

Reading a pattern's words means parsing it, which for the rules' few hundred patterns costs more than the
rest of a short ``check``; the file lets a command skip it. A pattern missing from the file still works (its
words are read when it is made); tests/checks/test_keywords.py fails until the file is written again.
"""

from __future__ import annotations

import argparse
import json
import sys

from socialpolicy.checks import load_rules, text


def rows() -> list[tuple[str, int, list[str]]]:
    load_rules()
    return text.keyword_rows()


def serialise(found: list[tuple[str, int, list[str]]]) -> str:
    return "[\n" + ",\n".join(json.dumps(row, ensure_ascii=False) for row in found) + "\n]\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say whether the file is up to date")
    args = parser.parse_args(argv)
    wanted = serialise(rows())
    current = text.KEYWORDS_FILE.read_text(encoding="utf-8") if text.KEYWORDS_FILE.exists() else ""
    if args.check:
        print("up to date" if current == wanted else f"{text.KEYWORDS_FILE} is out of date")
        return 0 if current == wanted else 1
    text.KEYWORDS_FILE.write_text(wanted, encoding="utf-8")
    print(f"wrote {text.KEYWORDS_FILE}: {wanted.count(chr(10)) - 2} patterns")
    return 0


if __name__ == "__main__":
    sys.exit(main())
