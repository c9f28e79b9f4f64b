"""Write the corpus of bad inputs in tests/data/bad/ and the outcome each must have (expected.json).

    python -m tests.robustness.make_corpus        # refresh tests/data/bad/

Every case names the command(s) that get the file, and a piece of the one line on stderr. Each
command must exit with 2, print that one line naming the file, change no file and leave no output.
Files too big to keep in git (zip bombs, oversized images, files over the size limits) are made at
test time in test_limits.py instead; this corpus stays well under 2 MB.

Commands: ``check``, ``export`` (md and html), ``import``, ``library`` (library validate),
``check-library`` (check a good project with --library FILE), ``new`` (new TEMPLATE --answers FILE),
``new-library`` (new governance-charter --defaults --library FILE).
"""

from __future__ import annotations

import copy
import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
BAD = HERE.parent / "data" / "bad"

PROJECT: dict[str, Any] = {
    "format": "socialpolicy.project",
    "format_version": 1,
    "template": {"id": "imported", "version": "0"},
    "metadata": {"title": "Corpus policy"},
    "answers": {"organisation_name": "Acme"},
    "sections": [
        {
            "id": "intro",
            "title": "Introduction",
            "clauses": [{"clause": "purpose", "library": "project", "version": 1}],
        }
    ],
    "custom_clauses": [
        {
            "id": "purpose",
            "version": 1,
            "title": "Purpose",
            "topic": "purpose",
            "body": "This policy explains how {{ organisation_name }} staff use social media.",
            "rationale": "Says why the policy exists.",
        }
    ],
}

LIBRARY: dict[str, Any] = {
    "format": "socialpolicy.clauses",
    "format_version": 1,
    "library": {"id": "acme", "title": "Acme clauses", "version": "1"},
    "clauses": [
        {
            "id": "acme.purpose",
            "version": 1,
            "title": "Purpose",
            "topic": "purpose",
            "body": "This policy explains how {{ organisation_name }} staff use social media.",
            "rationale": "Says why the policy exists.",
        }
    ],
}

ANSWERS: dict[str, Any] = {"organisation_name": "Acme Ltd", "org_short": "Acme", "jurisdictions": ["uk"]}

PROJECT_CMDS = ["check", "export"]
LIBRARY_CMDS = ["library", "check-library"]
ANSWER_CMDS = ["new"]
TEXT_CMDS = ["import", "check"]

Case = dict[str, Any]


def _mutated(base: dict[str, Any], change: Callable[[dict[str, Any]], Any]) -> str:
    data = copy.deepcopy(base)
    change(data)
    return json.dumps(data, indent=2, ensure_ascii=False)


def _clause(data: dict[str, Any]) -> dict[str, Any]:
    return data["custom_clauses"][0] if "custom_clauses" in data else data["clauses"][0]


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """A change that sets the value at a slash-separated path (numbers index lists)."""

    def change(data: dict[str, Any]) -> None:
        node: Any = data
        parts = path.split("/")
        for part in parts[:-1]:
            node = node[int(part)] if isinstance(node, list) else node[part]
        last = parts[-1]
        if isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value

    return change


def _delete(path: str) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        node: Any = data
        parts = path.split("/")
        for part in parts[:-1]:
            node = node[int(part)] if isinstance(node, list) else node[part]
        del node[parts[-1]]

    return change


def _deep(levels: int) -> str:
    return '{"format": "socialpolicy.project", "x": ' + "[" * levels + "]" * levels + "}"


_CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/word/document.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    b'officeDocument" Target="word/document.xml"/></Relationships>'
)
_DOCUMENT = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    b"<w:p><w:r><w:t>Staff may use social media at work.</w:t></w:r></w:p></w:body></w:document>"
)


def _docx(document_xml: bytes | None = None, extra: dict[str, bytes] | None = None) -> bytes:
    """The smallest Word file python-docx opens, with document.xml replaced or parts added."""
    parts = {
        "[Content_Types].xml": _CONTENT_TYPES,
        "_rels/.rels": _RELS,
        "word/document.xml": _DOCUMENT if document_xml is None else document_xml,
    }
    return _zip({**parts, **(extra or {})})


_W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_XXE = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    b"<w:document " + _W + b"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>"
)
_XXE_LATE = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<!-- '
    + b"padding " * 1500
    + b"-->\n"
    + _XXE.split(b"\n", 1)[1]
)
_BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
        for i in range(1, 10)
    )
    + b"]>\n<w:document "
    + _W
    + b"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
)


def _zip(entries: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, data in entries.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = method
            archive.writestr(info, data)
    return out.getvalue()


def _small_bomb() -> bytes:
    """A Word file whose document.xml is 8 MB of one repeated byte: compressed about a thousand to one."""
    return _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b" " * (8 * 1024 * 1024)})


def _lying_sizes() -> bytes:
    """A zip whose central directory claims document.xml is tiny while the data unpacks to 2 MB."""
    data = bytearray(
        _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<a>" + b" " * (2 << 20) + b"</a>"})
    )
    # Rewrite the uncompressed size (offset 22 in a local header, 24 in a central one) to 100 bytes.
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (pos := data.find(signature, start)) != -1:
            name_len = int.from_bytes(data[pos + (26 if signature == b"PK\x03\x04" else 28) :][:2], "little")
            name_at = pos + (30 if signature == b"PK\x03\x04" else 46)
            if bytes(data[name_at : name_at + name_len]) == b"word/document.xml":
                data[pos + offset : pos + offset + 4] = (100).to_bytes(4, "little")
            start = pos + 4
    return bytes(data)


def cases() -> list[tuple[str, bytes, Case]]:
    """(file name, content, expectation) for every file in the corpus."""
    out: list[tuple[str, bytes, Case]] = []

    def add(
        name: str, content: str | bytes, commands: list[str], message: str, why: str, **extra: Any
    ) -> None:
        data = content.encode("utf-8") if isinstance(content, str) else content
        out.append(
            (
                name,
                data,
                {"file": name, "commands": commands, "exit": 2, "message": message, "why": why, **extra},
            )
        )

    good_project = json.dumps(PROJECT, indent=2)
    good_library = json.dumps(LIBRARY, indent=2)

    # --- Broken JSON, in every format -------------------------------------------------------------
    add(
        "truncated.policy.json",
        good_project[: len(good_project) // 2],
        PROJECT_CMDS,
        "not valid JSON",
        "a project cut off half way (a crash during a non-atomic save elsewhere)",
    )
    add("truncated.clauses.json", good_library[:200], LIBRARY_CMDS, "not valid JSON", "a library cut off")
    add(
        "truncated.answers.json",
        '{"organisation_name": "Acme',
        ANSWER_CMDS,
        "not valid JSON",
        "answers cut off inside a string",
    )
    add(
        "trailing-comma.policy.json",
        good_project.rstrip().rstrip("}") + ",}",
        PROJECT_CMDS,
        "not valid JSON",
        "a trailing comma, as people type by hand",
    )
    add(
        "single-quotes.policy.json",
        good_project.replace('"', "'"),
        PROJECT_CMDS,
        "not valid JSON",
        "Python-style quotes",
    )
    add("empty.policy.json", b"", PROJECT_CMDS, "not valid JSON", "an empty file")
    add("whitespace.clauses.json", "  \n\n\t\n", LIBRARY_CMDS, "not valid JSON", "only whitespace")
    add(
        "nan.policy.json",
        good_project.replace('"version": 1', '"version": NaN', 1),
        PROJECT_CMDS,
        "NaN is not allowed",
        "NaN is not JSON even though Python writes it",
    )
    add(
        "infinity.answers.json",
        '{"review_months": Infinity}',
        ANSWER_CMDS,
        "Infinity is not allowed",
        "Infinity as a number of months",
    )
    add(
        "huge-integer.answers.json",
        '{"review_months": ' + "9" * 5000 + "}",
        ANSWER_CMDS,
        "not valid JSON",
        "an integer with 5,000 digits",
    )
    add(
        "duplicate-key.policy.json",
        good_project.replace('"answers": {', '"answers": {"x": 1, "x": 2, ', 1),
        PROJECT_CMDS,
        "appears twice",
        "a key repeated in one object: which value wins is undefined",
    )
    add(
        "duplicate-answer.answers.json",
        '{"org_short": "A", "org_short": "B"}',
        ANSWER_CMDS,
        "appears twice",
        "the same question answered twice",
    )
    add(
        "deep-nesting.policy.json",
        _deep(10_000),
        PROJECT_CMDS,
        "nested more than",
        "10,000 nested arrays (a parser stack attack)",
    )
    add(
        "deep-nesting-moderate.clauses.json",
        '{"format": "socialpolicy.clauses", "clauses": ' + "[" * 100 + "]" * 100 + "}",
        LIBRARY_CMDS,
        "nested more than",
        "100 levels: deeper than any real file",
    )
    add(
        "deep-nesting.answers.json",
        '{"organisation_name": ' + "[" * 70 + "]" * 70 + "}",
        ANSWER_CMDS,
        "nested more than",
        "nesting inside an answer",
    )

    # --- Not text, or not UTF-8 ------------------------------------------------------------------
    add("binary-junk.policy.json", bytes(range(256)) * 8, PROJECT_CMDS, "binary", "bytes, not text")
    add(
        "binary-junk.clauses.json",
        b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 64,
        LIBRARY_CMDS,
        "binary",
        "an executable renamed",
    )
    add(
        "binary-junk.md",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 40,
        TEXT_CMDS,
        "binary",
        "a PNG renamed to .md",
    )
    add(
        "utf16.policy.json",
        good_project.encode("utf-16"),
        PROJECT_CMDS,
        "UTF-16",
        "saved as 'Unicode' by Notepad",
    )
    add(
        "utf16-no-bom.clauses.json",
        good_library.encode("utf-16-le"),
        LIBRARY_CMDS,
        "UTF-16",
        "UTF-16 without a byte order mark",
    )
    add("utf32.answers.json", json.dumps(ANSWERS).encode("utf-32"), ANSWER_CMDS, "UTF-32", "UTF-32 text")
    add(
        "utf16.md",
        "# Policy\n\n## Purpose\n\nText.\n".encode("utf-16"),
        TEXT_CMDS,
        "UTF-16",
        "a Markdown policy saved as UTF-16",
    )
    add(
        "latin1.policy.json",
        json.dumps(PROJECT, ensure_ascii=False)
        .replace("Corpus policy", "Politique sociale été")
        .encode("latin-1"),
        PROJECT_CMDS,
        "not UTF-8",
        "Latin-1 accents",
    )
    add(
        "cp1252.md",
        "# Policy\n\n## Purpose\n\n\u201cSmart quotes\u201d and \u20ac.\n".encode("cp1252"),
        TEXT_CMDS,
        "not UTF-8",
        "Windows-1252 smart quotes and the euro sign",
    )
    add(
        "latin1.answers.json",
        '{"organisation_name": "Société Générale"}'.encode("latin-1"),
        ANSWER_CMDS,
        "not UTF-8",
        "a Latin-1 answers file",
    )
    add(
        "mojibake-bom.policy.json",
        ("\ufeff".encode("utf-8").decode("latin-1") + good_project).encode("utf-8"),
        PROJECT_CMDS,
        "not valid JSON",
        "a UTF-8 byte order mark re-encoded through Latin-1 (ï»¿ before the {)",
    )
    add(
        "mojibake-key.policy.json",
        good_project.replace('"metadata"', '"mÃ©tadata"'),
        PROJECT_CMDS,
        "'metadata' is a required property",
        "a key mangled by a wrong round of decoding",
    )

    # --- Wrong shape: top level and envelope ----------------------------------------------------------
    add("array.policy.json", "[1, 2, 3]", PROJECT_CMDS, "expected a JSON object", "an array, not an object")
    add("string.clauses.json", '"socialpolicy"', LIBRARY_CMDS, "expected a JSON object", "a bare string")
    add("array.answers.json", '["Acme", "uk"]', ANSWER_CMDS, "must be a JSON object", "answers as a list")
    add(
        "library-as-project.policy.json",
        good_library,
        PROJECT_CMDS,
        "not a 'socialpolicy.project' file",
        "a clause library opened as a project",
    )
    add(
        "project-as-library.clauses.json",
        good_project,
        LIBRARY_CMDS,
        "not a 'socialpolicy.clauses' file",
        "a project given as a library",
    )
    add(
        "newer-version.policy.json",
        _mutated(PROJECT, _set("format_version", 99)),
        PROJECT_CMDS,
        "newer than this program",
        "written by a future version",
    )
    add(
        "newer-version.clauses.json",
        _mutated(LIBRARY, _set("format_version", 2)),
        LIBRARY_CMDS,
        "newer than this program",
        "a library from a future version",
    )
    add(
        "version-string.policy.json",
        _mutated(PROJECT, _set("format_version", "1")),
        PROJECT_CMDS,
        "format_version must be a whole number",
        "the version as text",
    )
    add(
        "version-negative.clauses.json",
        _mutated(LIBRARY, _set("format_version", -1)),
        LIBRARY_CMDS,
        "format_version must be a whole number",
        "a negative version",
    )
    add(
        "version-bool.policy.json",
        _mutated(PROJECT, _set("format_version", True)),
        PROJECT_CMDS,
        "format_version must be a whole number",
        "true is not a version",
    )

    # --- Project: missing fields and wrong types at every level --------------------------------------
    for path in (
        "template",
        "metadata",
        "answers",
        "sections",
        "metadata/title",
        "sections/0/clauses",
        "sections/0/id",
        "template/version",
        "custom_clauses/0/rationale",
    ):
        add(
            f"project-missing-{path.replace('/', '-')}.policy.json",
            _mutated(PROJECT, _delete(path)),
            PROJECT_CMDS,
            "is a required property",
            f"project without {path}",
        )
    for path, value, message in (
        ("template", "social-media-policy", "expected object, found string"),
        ("template/id", 7, "expected string, found integer"),
        ("metadata", [], "expected object, found array"),
        ("metadata/title", {"en": "x"}, "expected string, found object"),
        ("answers", [], "expected object, found array"),
        ("sections", {}, "expected array, found object"),
        ("sections/0", "intro", "expected object, found string"),
        ("sections/0/clauses", "purpose", "expected array, found string"),
        ("sections/0/clauses/0/version", "1", "expected integer, found string"),
        ("sections/0/clauses/0/included", "yes", "expected boolean, found string"),
        ("custom_clauses/0/body", ["a", "b"], "expected string, found array"),
        ("custom_clauses/0/defines", {"term": "x"}, "expected array, found object"),
        ("custom_clauses/0/version", 0, "must be at least 1"),
        ("sections/0/id", "Has Spaces", "does not match the required pattern"),
    ):
        add(
            f"project-type-{path.replace('/', '-')}.policy.json",
            _mutated(PROJECT, _set(path, value)),
            PROJECT_CMDS,
            message,
            f"{path} of the wrong type",
        )
    add(
        "project-unknown-field.policy.json",
        _mutated(PROJECT, _set("macros", {"x": 1})),
        PROJECT_CMDS,
        "Additional properties",
        "a field no version of the format has",
    )

    # --- Project: references, ids and sizes ------------------------------------------------------------
    add(
        "unknown-custom-clause.policy.json",
        _mutated(PROJECT, _set("sections/0/clauses/0/clause", "nowhere")),
        PROJECT_CMDS,
        "'nowhere' is not in custom clauses",
        "a reference to a custom clause that does not exist",
    )
    add(
        "unknown-library-clause.policy.json",
        _mutated(
            PROJECT,
            _set(
                "sections/0/clauses/0", {"clause": "smp.no-such-clause", "library": "builtin", "version": 1}
            ),
        ),
        PROJECT_CMDS,
        "is not in library 'builtin'",
        "a built-in clause id that does not exist",
    )
    add(
        "unknown-library.policy.json",
        _mutated(PROJECT, _set("sections/0/clauses/0", {"clause": "x", "library": "nosuch", "version": 1})),
        PROJECT_CMDS,
        "is not in library 'nosuch'",
        "a library nobody loaded",
    )
    add(
        "duplicate-custom-ids.policy.json",
        _mutated(PROJECT, lambda d: d["custom_clauses"].append(copy.deepcopy(d["custom_clauses"][0]))),
        PROJECT_CMDS,
        "is used twice",
        "two custom clauses with one id",
    )
    add(
        "duplicate-section-ids.policy.json",
        _mutated(PROJECT, lambda d: d["sections"].append(copy.deepcopy(d["sections"][0]))),
        PROJECT_CMDS,
        "section id 'intro' is used twice",
        "two sections with one id (numbering and links break)",
    )
    add(
        "long-title.policy.json",
        _mutated(PROJECT, _set("metadata/title", "T" * 5000)),
        PROJECT_CMDS,
        "longer than 400 characters",
        "a 5,000-character title",
    )
    add(
        "long-body.policy.json",
        _mutated(PROJECT, lambda d: _clause(d).update(body="word " * 20_001)),
        PROJECT_CMDS,
        "longer than 100000 characters",
        "a clause body over 100,000 characters",
    )
    add(
        "too-many-answers.policy.json",
        _mutated(PROJECT, _set("answers", {f"q{i}": i for i in range(501)})),
        PROJECT_CMDS,
        "has more than 500 entries",
        "501 answers",
    )

    # --- Template injection and sandbox escapes, in every text a clause renders -------------------------
    escapes = [
        ("body", "{{ ''.__class__.__mro__[1].__subclasses__() }}", "refused by the sandbox"),
        ("title", "{{ cycler.__init__.__globals__.os.popen('id').read() }}", "refused by the sandbox"),
        ("body", "{{ self._TemplateReference__context }}", "refused by the sandbox"),
        ("body", "{{ ref.__func__.__globals__ }}", "refused by the sandbox"),
        ("body", "{{ ''|attr('__class__') }}", "refused by the sandbox"),
        ("body", "{{ '%0999999999d'|format(1) }}", "refused by the sandbox"),
        ("body", "{{ 'x'|center(999999999) }}", "refused by the sandbox"),
        ("body", "{% set s = 'x' * 99999 %}{{ range(99999)|join(s) }}", "refused by the sandbox"),
        ("body", "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "macro is not allowed"),
        ("body", "{% include '/etc/passwd' %}", "include is not allowed"),
        (
            "body",
            "{% for a in range(9) %}{% for b in range(9) %}x{% endfor %}{% endfor %}",
            "nested or recursive loops",
        ),
        (
            "body",
            "{% for i in range(99999) %}{{ 'abcdefghij' }}{% endfor %}",
            "longer than 200,000 characters",
        ),
        ("body", "{{ unclosed", "template syntax error"),
        ("condition", "().__class__.__base__.__subclasses__()", "refused by the sandbox"),
        (
            "defines",
            [{"term": "Escape", "definition": "{{ self.__init__.__globals__ }}"}],
            "refused by the sandbox",
        ),
    ]
    for i, (field, text, message) in enumerate(escapes, start=1):
        add(
            f"inject-{i:02d}-{field}.policy.json",
            _mutated(PROJECT, lambda d, f=field, t=text: _clause(d).update({f: t})),
            PROJECT_CMDS,
            message,
            f"template code in a custom clause's {field}: {str(text)[:60]}",
        )
    add(
        "inject-edited-body.policy.json",
        _mutated(PROJECT, _set("sections/0/clauses/0/body", "{{ ''.__class__ }}")),
        PROJECT_CMDS,
        "refused by the sandbox",
        "the author's edit of a clause body holds template code",
    )
    add(
        "inject-section-intro.policy.json",
        _mutated(PROJECT, _set("sections/0/intro", "{{ lipsum.__globals__ }}")),
        PROJECT_CMDS,
        "refused by the sandbox",
        "template code in a section introduction",
    )
    for i, (field, text, message) in enumerate(escapes[:3] + escapes[-2:], start=1):
        add(
            f"inject-{i:02d}-{field}.clauses.json",
            _mutated(LIBRARY, lambda d, f=field, t=text: _clause(d).update({f: t})),
            [*LIBRARY_CMDS, "new-library"],
            message,
            f"template code in a library clause's {field}",
        )

    # --- Libraries: missing fields, wrong types, ids -------------------------------------------------
    for path in ("library", "clauses", "library/id", "clauses/0/body", "clauses/0/topic"):
        add(
            f"library-missing-{path.replace('/', '-')}.clauses.json",
            _mutated(LIBRARY, _delete(path)),
            LIBRARY_CMDS,
            "is a required property",
            f"library without {path}",
        )
    for path, value, message in (
        ("clauses", {"acme.purpose": {}}, "expected array, found object"),
        ("clauses/0", "acme.purpose", "expected object, found string"),
        ("clauses/0/version", "2", "expected integer, found string"),
        ("clauses/0/jurisdictions", ["fr"], "must be one of"),
        ("clauses/0/sources", [{"url": "https://example.org"}], "'citation' is a required property"),
        ("library/overrides", {"not-a-key": "x"}, "does not match"),
        ("library/id", "Acme Clauses", "does not match the required pattern"),
    ):
        add(
            f"library-type-{path.replace('/', '-')}.clauses.json",
            _mutated(LIBRARY, _set(path, value)),
            LIBRARY_CMDS,
            message,
            f"{path} of the wrong type",
        )
    add(
        "library-duplicate-ids.clauses.json",
        _mutated(LIBRARY, lambda d: d["clauses"].append(copy.deepcopy(d["clauses"][0]))),
        LIBRARY_CMDS,
        "is used twice in this library",
        "one clause id twice",
    )
    add(
        "library-claims-builtin.clauses.json",
        _mutated(LIBRARY, _set("library/id", "builtin")),
        ["check-library", "new-library"],
        "library id 'builtin' is loaded twice",
        "an organisation library that calls itself the built-in one",
    )

    # --- Answers ----------------------------------------------------------------------------------
    for name, answers, message in (
        ("unknown-question", {"favourite_colour": "blue"}, "no question 'favourite_colour'"),
        ("yesno-as-text", {"listed": "yes"}, "expected true or false"),
        ("choice-not-allowed", {"sector": "casino"}, "must be one of"),
        ("multichoice-duplicate", {"jurisdictions": ["uk", "uk"]}, "a choice is listed twice"),
        ("multichoice-as-text", {"jurisdictions": "uk"}, "expected a list of choices"),
        ("bad-email", {"policy_contact_email": "not an address"}, "not an email address"),
        ("bad-date", {"effective_date": "31/12/2027"}, "not a date in the form YYYY-MM-DD"),
        ("number-as-text", {"review_months": "twelve"}, "expected a number"),
        ("number-out-of-range", {"review_months": 1e300}, "must be at most 36"),
        ("answer-as-object", {"organisation_name": {"$gt": ""}}, "expected text"),
        ("very-long-answer", {"organisation_name": "A" * 50_000}, "is longer than"),
    ):
        add(
            f"{name}.answers.json",
            json.dumps(dict(ANSWERS, **answers)),
            ANSWER_CMDS,
            message,
            f"answers: {name.replace('-', ' ')}",
            template="governance-charter",
        )
    add(
        "answers-for-unknown-template.answers.json",
        json.dumps(ANSWERS),
        ANSWER_CMDS,
        "unknown template",
        "good answers, but the command names a template that does not exist",
        template="no-such-template",
    )

    # --- Markdown to import --------------------------------------------------------------------------
    add("empty.md", "", TEXT_CMDS, "the file is empty", "nothing to import")
    add("blank.md", "\n\n   \n\t\n", TEXT_CMDS, "the file is empty", "only whitespace")
    add(
        "too-many-clauses.md",
        "# Policy\n\n## Part\n\n" + "".join(f"### Clause {i}\n\nText.\n\n" for i in range(5001)),
        TEXT_CMDS,
        "more than 5000 clauses",
        "5,001 clauses: refused rather than built",
    )
    add(
        "policy.pdf",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
        ["import"],
        "can only import .md or .docx files",
        "a PDF: not a format we import",
    )

    # --- Word files ---------------------------------------------------------------------------------
    add(
        "not-a-zip.docx",
        "This is plain text with a .docx name.\n",
        TEXT_CMDS,
        "not a Word document",
        "text renamed to .docx",
    )
    add("empty.docx", b"", TEXT_CMDS, "not a Word document", "an empty file")
    add(
        "truncated.docx",
        _docx()[: len(_docx()) // 2],
        TEXT_CMDS,
        "not a Word document",
        "a Word file cut off",
    )
    add(
        "zip-without-document.docx",
        _zip({"readme.txt": b"hello"}),
        TEXT_CMDS,
        "word/document.xml is missing",
        "a zip, but not a Word document",
    )
    add(
        "document-not-xml.docx",
        _docx(b"this is not XML <<<"),
        TEXT_CMDS,
        "cannot read the Word document",
        "document.xml that is not XML",
    )
    add(
        "xxe.docx",
        _docx(_XXE),
        TEXT_CMDS,
        "declares a DOCTYPE or entities",
        "an external entity reading /etc/passwd",
    )
    add(
        "xxe-after-long-comment.docx",
        _docx(_XXE_LATE),
        TEXT_CMDS,
        "declares a DOCTYPE or entities",
        "the DOCTYPE pushed past the first 4 KB by a long comment",
    )
    add(
        "billion-laughs.docx",
        _docx(_BILLION_LAUGHS),
        TEXT_CMDS,
        "declares a DOCTYPE or entities",
        "nested entities that expand to a billion strings",
    )
    add(
        "xxe-in-rels.docx",
        _docx(extra={"word/_rels/extra.xml.rels": _XXE}),
        TEXT_CMDS,
        "declares a DOCTYPE or entities",
        "an external entity in a relationships part",
    )
    add(
        "zip-bomb-small.docx",
        _small_bomb(),
        TEXT_CMDS,
        "compressed suspiciously well",
        "8 MB of one byte in a few kilobytes",
    )
    add(
        "zip-lying-sizes.docx",
        _lying_sizes(),
        TEXT_CMDS,
        "damaged zip archive",
        "sizes in the zip directory that understate the data",
    )
    issue_18_cases(add)
    return out


# --- Issue 18: hostile text the schema accepts --------------------------------------------------------
#
# Cases may say what each command must do when it is not a refusal ("outcomes": {command: {"exit": codes,
# "stdout": text}}), and may name a support file passed with --library to project commands ("library").
# Support files live in support/ and are not bad inputs themselves.

SUPPORT = "support"

# Clause text that would run for ever, or build gigabytes, without the sandbox's budget. Each was tried
# against the sandbox before the budget; the comment says what it did then.
RUNAWAY_BODIES = [
    # a loop over a list that the loop itself extends: never ends, prints nothing
    (
        "loop-feeds-itself",
        "{% set l = [1] %}{% for x in l %}{% if l.append(x) %}{% endif %}{% endfor %}",
        "cannot be called in clause text",
    ),
    # a one-item list multiplied passes a length check; its items are then summed into 10^10 items
    ("list-of-lists", "{{ ([[0] * 30000] * 30000)|sum(start=[])|length }}", "too large"),
    # a filter mapping over a huge sequence
    ("map-center", "{{ range(99999)|map('center', 99999)|join|length }}", "too large"),
    # loops one after another: each within the old limits, together hours of work with no output
    ("many-empty-loops", "{% for i in range(99999) %}{% endfor %}" * 40, "steps"),
    # a block that captures its output, so the output limit never sees it
    (
        "captured-output",
        "{% set x %}{% for i in range(99999) %}{{ 'a' * 99999 }}{% endfor %}{% endset %}",
        "characters of values altogether",
    ),
    # one format field repeated: 30,000 copies of a 99,999-character text
    ("format-fields", "{{ ('{0}' * 30000).format('x' * 99999) }}", "too large"),
    ("percent-fields", "{{ ('%(a)s' * 20000) % {'a': 'x' * 99999} }}", "too large"),
    ("translate", "{{ ('x' * 9999).translate({120: 'y' * 9999}) }}", "cannot be called"),
    ("bytes", "{{ 'x'.encode() * 999999999 }}", "cannot be called"),
    ("block-recursion", "{% block a %}{{ self.a() }}{{ self.a() }}{% endblock %}", "block is not allowed"),
    # literals that share one big value: light in memory, 10^9 characters when printed
    (
        "shared-literal",
        "{% set s = 'x' * 90000 %}{{ [s, s, s, s, s, s, s, s, s, s, s, s]|string }}",
        "too large",
    ),
    ("join-batches", "{{ ('x' * 90000)|batch(3)|list|join }}", "too large"),
    ("wordwrap-string", "{{ ('a ' * 40000)|wordwrap(1, wrapstring='x' * 9999) }}", "too large"),
    ("pprint", "{{ range(10)|pprint }}", "No filter named 'pprint'"),
    ("tokens", "{{ x }}" * 6000, "more than 5,000 template tokens"),
]
# Python exceptions that clause text can raise: each must be the program's own one-line error.
RAISING_BODIES = [
    ("pop-empty", "{{ [].pop() }}", "cannot be called in clause text"),
    ("format-missing-argument", "{{ '{0} and {1}'.format('a') }}", "cannot fill in variables"),
    ("format-missing-key", "{{ '{name}'.format() }}", "cannot fill in variables"),
    ("bad-codec", "{{ 'x'.encode('no-such-codec') }}", "cannot be called in clause text"),
    ("dictsort-number", "{{ 1|dictsort }}", "cannot fill in variables"),
    ("slice-zero", "{{ [1, 2]|slice(0)|list }}", "cannot fill in variables"),
    ("index-missing", "{{ 'abc'.index('z') }}", "cannot fill in variables"),
    ("deep-expression", "{{ " + "(" * 300 + "1" + ")" * 300 + " }}", "nested too deeply"),
]
RUNAWAY_CONDITIONS = [
    ("condition-map", "range(99999)|map('center', 99999)|join|length > 0", "too large"),
    ("condition-pop", "[].pop()", "cannot be called in clause text"),
    ("condition-key", "'{x}'.format() == ''", "cannot evaluate condition"),
    ("condition-steps", "range(99999)|map('string')|map('upper')|map('lower')|list|length > 0", "too large"),
]


def _library_clause(data: dict[str, Any]) -> dict[str, Any]:
    return data["clauses"][0]


def _library_project(version: int) -> dict[str, Any]:
    """A project that uses clause acme.purpose of library acme at ``version``."""
    data = copy.deepcopy(PROJECT)
    data["sections"][0]["clauses"].append({"clause": "acme.purpose", "library": "acme", "version": version})
    return data


def issue_18_cases(add_case: Callable[..., None]) -> None:
    def add(
        name: str, content: str | bytes, commands: list[str], message: str, why: str, **extra: Any
    ) -> None:
        add_case(name, content, commands, message, why, **extra)

    for name, body, message in RUNAWAY_BODIES + RAISING_BODIES:
        add(
            f"hostile-{name}.policy.json",
            _mutated(PROJECT, lambda d, b=body: _clause(d).update(body=b)),
            PROJECT_CMDS,
            message,
            f"clause text that ran away or raised before the budget: {body[:70]}",
        )
    for name, body, message in RUNAWAY_BODIES[:6] + RAISING_BODIES[:3]:
        add(
            f"hostile-{name}.clauses.json",
            _mutated(LIBRARY, lambda d, b=body: _library_clause(d).update(body=b)),
            ["library"],
            message,
            f"library validate fills in every body with sample answers: {body[:60]}",
        )
    add(
        "hostile-defines.policy.json",
        _mutated(
            PROJECT,
            lambda d: _clause(d).update(
                defines=[{"term": "Loop", "definition": RUNAWAY_BODIES[3][1][:3900]}]
            ),
        ),
        PROJECT_CMDS,
        "steps",
        "a definition that loops",
    )
    add(
        "hostile-intro.policy.json",
        _mutated(PROJECT, _set("sections/0/intro", RUNAWAY_BODIES[3][1][:3900])),
        PROJECT_CMDS,
        "steps",
        "a section introduction that loops",
    )
    add(
        "hostile-title.policy.json",
        _mutated(PROJECT, lambda d: _clause(d).update(title="{{ [].pop() }}")),
        PROJECT_CMDS,
        "cannot be called in clause text",
        "a title that raises",
    )
    add(
        "hostile-many-clauses.policy.json",
        _mutated(
            PROJECT,
            lambda d: (
                d["custom_clauses"].extend(
                    dict(_clause(d), id=f"loop{i}", body="{% for i in range(99999) %}{% endfor %}" * 4)
                    for i in range(12)
                ),
                d["sections"][0]["clauses"].extend(
                    {"clause": f"loop{i}", "library": "project", "version": 1} for i in range(12)
                ),
            ),
        ),
        PROJECT_CMDS,
        "the texts of this document together take more than",
        "twelve clauses each just under the budget of one text: the document's budget stops them",
    )
    for name, condition, message in RUNAWAY_CONDITIONS:
        add(
            f"hostile-{name}.clauses.json",
            _mutated(
                LIBRARY,
                lambda d, c=condition: (
                    _library_clause(d).update(condition=c),
                    d["library"].update(overrides={"builtin:gov.purpose.general": "acme.purpose"}),
                ),
            ),
            ["library", "new-library"],
            message,
            f"a library clause's condition, evaluated by assembly and by library validate: {condition[:50]}",
        )

    # --- Versions never change silently ------------------------------------------------------------
    v3 = copy.deepcopy(LIBRARY)
    _library_clause(v3).update(
        version=3,
        body="Version three of the purpose clause for {{ organisation_name }}.",
        history=[{"version": 2, "body": "Version two of the purpose clause."}],
    )
    add(
        "library-history-gap.clauses.json",
        json.dumps(v3, indent=2),
        ["library"],
        "has no history for version(s) 1",
        "a library that dropped version 1 from the history of a version-3 clause",
    )
    duplicate = copy.deepcopy(v3)
    _library_clause(duplicate)["history"] = [
        {"version": 2, "body": "Two."},
        {"version": 1, "body": "One."},
        {"version": 2, "body": "Two again."},
    ]
    add(
        "library-history-twice.clauses.json",
        json.dumps(duplicate, indent=2),
        ["library"],
        "more than once",
        "a history holding one version twice",
    )
    version_outcomes = {
        "check": {"exit": 1, "stdout": "library.version-missing"},
        "export": {"exit": 2, "message": "Nothing was exported"},
    }
    add(
        "version-newer-than-library.policy.json",
        json.dumps(_library_project(2), indent=2),
        PROJECT_CMDS,
        "uses version 2, but the library loaded has only version(s) 1",
        "a project made with version 2 of a clause, checked with an older copy of the library (version 1)",
        library=f"{SUPPORT}/acme-v1.clauses.json",
        outcomes=version_outcomes,
    )
    add(
        "version-dropped-from-history.policy.json",
        json.dumps(_library_project(1), indent=2),
        PROJECT_CMDS,
        "uses version 1, which the library no longer keeps",
        "a project at version 1 of a clause whose library kept only versions 2 and 3",
        library=f"{SUPPORT}/acme-v3-gap.clauses.json",
        outcomes=version_outcomes,
    )

    # --- Data the schema accepts never crashes ---------------------------------------------------------
    add(
        "reserved-library-id.clauses.json",
        _mutated(LIBRARY, _set("library/id", "project")),
        LIBRARY_CMDS,
        "reserved",
        "a library calling itself 'project', the id of a project's own clauses",
    )
    for kind, commands, text in (
        ("policy", PROJECT_CMDS, json.dumps(PROJECT).replace('"Corpus policy"', '"Corpus \\ud800 policy"')),
        ("clauses", LIBRARY_CMDS, json.dumps(LIBRARY).replace('"Purpose"', '"Pur\\udfffpose"', 1)),
        ("answers", ANSWER_CMDS, json.dumps(ANSWERS).replace('"Acme"', '"Ac\\udc80me"')),
    ):
        add(
            f"lone-surrogate.{kind}.json",
            text,
            commands,
            "lone surrogate",
            "a JSON escape for half of a character: it loaded, then crashed the save and the exports",
            template="governance-charter",
        )
    add(
        "huge-float.policy.json",
        _mutated(PROJECT, _set("answers/review_months", 0)).replace(
            '"review_months": 0', '"review_months": 1e999'
        ),
        PROJECT_CMDS,
        "the number 1e999 is too large",
        "1e999 loaded as infinity and was saved as Infinity, which cannot be opened again",
    )
    nested = "> - " * 200 + "x\n"
    add(
        "nested-quotes-and-lists.md",
        "# Policy\n\n## Scope\n\n" + nested,
        TEXT_CMDS,
        "nests quotes or lists",
        "813 bytes of nested quotes and lists: import wrote a project that then could never be checked",
    )
    accepted = {"check": {"exit": [0, 1], "stdout": "coverage.missing-topic"}, "export": {"exit": 0}}
    add(
        "accepted-nested-body.policy.json",
        _mutated(PROJECT, lambda d: _clause(d).update(body=nested)),
        PROJECT_CMDS,
        "",
        "the same nesting in a project's clause: shown as plain paragraphs, never a RecursionError",
        outcomes=accepted,
    )
    add(
        "accepted-control-characters.policy.json",
        _mutated(
            PROJECT,
            lambda d: (
                _clause(d).update(body="Bell \x07, escape \x1b[31mred\x1b[0m, NUL \x00 and \x9b C1."),
                d["metadata"].update(title="Title \x00 with \x1b]0;hijack\x07 controls"),
            ),
        ),
        PROJECT_CMDS,
        "",
        "control characters and NUL from JSON escapes: exported as U+FFFD, printed escaped",
        outcomes={"check": {"exit": [0, 1], "stdout": "language.stray-characters"}, "export": {"exit": 0}},
    )
    add(
        "accepted-long-metadata.policy.json",
        _mutated(
            PROJECT, lambda d: d["metadata"].update(title="T" * 400, owner="O" * 400, organisation="G" * 400)
        ),
        PROJECT_CMDS,
        "",
        "titles and owners of 400 characters, as the schema allows (Word's core properties hold 255: "
        "the Word export is the lead's)",
        outcomes=accepted,
    )
    add(
        "accepted-long-word-us-spelling.policy.json",
        _mutated(
            PROJECT,
            lambda d: (_clause(d).update(body="a" * 99_000), d["answers"].update(spelling="us")),
        ),
        PROJECT_CMDS,
        "",
        "a 99 KB single-word body converted to US spelling (took 30 seconds)",
        outcomes=accepted,
    )
    add(
        "accepted-unclosed-braces-us-spelling.policy.json",
        _mutated(
            PROJECT,
            lambda d: (
                _clause(d).update(body="{% raw %}" + "{{ " * 30_000 + "{% endraw %}"),
                d["answers"].update(spelling="us"),
            ),
        ),
        PROJECT_CMDS,
        "",
        "30,000 unclosed '{{' in a raw block, converted to US spelling (the old expression took minutes)",
        outcomes=accepted,
    )
    add(
        "front-matter-controls.md",
        '---\ntitle: "Policy \\u0000 \\u001b[2J"\nowner: "\\u0007"\n---\n# Policy\n\n## Scope\n\nText.\n',
        ["import"],
        "",
        "control characters decoded from JSON escapes in Markdown front matter",
        outcomes={"import": {"exit": 0}},
    )
    add(
        "many-delimiters.md",
        "# Policy\n\n## Scope\n\n### Code\n\n" + "{{ " * 2_000 + "\n",
        TEXT_CMDS,
        "holds too many",
        "2,000 '{{' in one clause: imported as literal text, it would be too many tokens to fill in, so the "
        "project written could never be checked",
    )
    add(
        "equal-headings.md",
        "# Policy\n\n" + "## Same\n\n" * 20_000,
        ["import"],
        "found no text to import",
        "20,000 equally named empty sections: their ids took minutes to work out",
    )


def support_files() -> dict[str, bytes]:
    """Valid files the corpus cases refer to (not bad inputs themselves)."""
    v1 = copy.deepcopy(LIBRARY)
    v3 = copy.deepcopy(LIBRARY)
    _library_clause(v3).update(
        version=3,
        body="Version three of the purpose clause for {{ organisation_name }}.",
        history=[{"version": 2, "body": "Version two of the purpose clause."}],
    )
    return {
        "acme-v1.clauses.json": json.dumps(v1, indent=2).encode("utf-8"),
        "acme-v3-gap.clauses.json": json.dumps(v3, indent=2).encode("utf-8"),
    }


def write(folder: Path = BAD) -> list[Case]:
    folder.mkdir(parents=True, exist_ok=True)
    expected = []
    for name, data, case in cases():
        (folder / name).write_bytes(data)
        expected.append(case)
    (folder / SUPPORT).mkdir(exist_ok=True)
    for name, data in support_files().items():
        (folder / SUPPORT / name).write_bytes(data)
    doc = {
        "description": "Bad inputs and the outcome each must have: by default exit code 2, one line on stderr "
        "naming the file and holding 'message', no file changed, no output left; 'outcomes' gives another "
        "outcome for a command (data that must be accepted, or 'check' finding errors), and 'library' a file "
        "of support/ given to project commands with --library. Made by tests/robustness/make_corpus.py.",
        "cases": expected,
    }
    (folder / "expected.json").write_text(
        json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return expected


if __name__ == "__main__":
    written = write()
    total = sum((BAD / c["file"]).stat().st_size for c in written)
    print(f"wrote {len(written)} files ({total:,} bytes) and expected.json to {BAD}")
