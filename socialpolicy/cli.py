"""The command line. A contract: tests and scripts depend on its commands, output and exit codes.

Exit codes: 0 success (for ``check``: no error-severity finding), 1 ``check`` found errors,
2 unusable input or arguments, reported as one line on stderr.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from socialpolicy import __version__
from socialpolicy.errors import InputError

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2


def terminal_columns() -> int:
    """The terminal's width as ``shutil.get_terminal_size`` finds it: ``COLUMNS``, else the terminal's own,
    else 80. (Without importing shutil: argparse makes a formatter for every argument it adds, and each
    would measure the terminal through it.)"""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns if columns > 0 else 80


class _Formatter(argparse.HelpFormatter):
    def __init__(
        self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None
    ):
        super().__init__(
            prog, indent_increment, max_help_position, terminal_columns() - 2 if width is None else width
        )


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_INPUT, f"socialpolicy: {message} (see socialpolicy --help)\n")


def _library_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--library",
        action="append",
        default=[],
        metavar="PATH",
        help="an extra clause library file or folder (repeatable)",
    )


def _templates_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=("text", "json"), default="text")


def _questions_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("template")
    p.add_argument("--format", choices=("text", "json"), default="text")


def _new_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("template")
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--answers", metavar="ANSWERS.json")
    group.add_argument("--defaults", action="store_true", help="use every question's default answer")
    p.add_argument("-o", "--output", required=True, metavar="OUT.policy.json")
    _library_arg(p)


def _import_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file")
    p.add_argument("-o", "--output", required=True, metavar="OUT.policy.json")
    p.add_argument(
        "--changes",
        choices=("accept", "reject", "keep"),
        default="accept",
        help="tracked changes in a Word file: accept them (the default), reject them, or keep them marked "
        "{++inserted++} and {--deleted--} in the text",
    )
    _library_arg(p)


def _check_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="projects (.policy.json), Markdown or Word policies, or folders of them (checked in one run)",
    )
    p.add_argument(
        "--format",
        choices=("text", "json", "sarif", "junit", "github"),
        default="text",
        help="sarif: for code scanning (GitHub, GitLab); junit: test results for any CI; github: GitHub "
        "Actions annotations on the lines of the files",
    )
    p.add_argument(
        "--fail-on",
        choices=("error", "warning", "never"),
        default="error",
        help="which findings make the check fail (exit 1): errors (the default), warnings and errors, or never",
    )
    p.add_argument(
        "-o", "--output", metavar="FILE", help="write the report to FILE and print only the summary"
    )
    p.add_argument("--jurisdiction", action="append", choices=("us", "uk", "eu"), default=None)
    p.add_argument(
        "--sector",
        choices=("general", "finance", "healthcare", "public", "listed"),
        help="public: a US public employer (with us), outside the NLRA: First Amendment rules replace the NLRA ones",
    )
    p.add_argument(
        "--standard",
        choices=("stericycle", "boeing"),
        help="US work-rule standard (the NLRB's test is in flux; Stericycle is the default)",
    )
    _library_arg(p)


def _export_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("project")
    p.add_argument("--format", choices=("docx", "md", "html", "pdf"), required=True)
    p.add_argument("--review", action="store_true", help="add clause provenance, rationale and findings")
    p.add_argument(
        "--reference",
        metavar="STYLES.docx",
        help="for Word: a reference document whose named styles replace ours (house style)",
    )
    p.add_argument(
        "--redline-against",
        metavar="REVISION",
        help="for Word and PDF: show what changed since a saved revision (its version, or #N) as tracked changes",
    )
    p.add_argument(
        "--md-flavor",
        choices=("gfm", "commonmark", "pandoc"),
        help="for Markdown: gfm (the default) renders cleanly on GitHub, GitLab and most wikis, its links going "
        "to the headings' own ids; commonmark puts an inline anchor in each heading; pandoc writes "
        "{#id} after each heading (for pandoc, and the form of earlier versions)",
    )
    p.add_argument(
        "--no-layout",
        action="store_true",
        help="for Word: skip the LibreOffice layout pass that fills in the contents page's page numbers",
    )
    p.add_argument("-o", "--output", required=True)
    _library_arg(p)


def _review_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("project")
    p.add_argument("reviewed", metavar="REVIEWED.docx")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--accept-all", action="store_true", help="apply every change and keep the comments")
    group.add_argument("--reject-all", action="store_true", help="apply nothing, but keep the comments")
    p.add_argument(
        "-o", "--output", metavar="OUT.policy.json", help="write the result here (default: the project)"
    )
    p.add_argument("--format", choices=("text", "json"), default="text")
    _library_arg(p)


def _revisions_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("project")
    p.add_argument("--add", metavar="NOTE", help="save the project's current state as a new revision")
    p.add_argument("--author", default="", help="with --add: who saves it")
    p.add_argument(
        "--version", dest="rev_version", metavar="VERSION", help="with --add: its version (default: the next)"
    )
    p.add_argument("--format", choices=("text", "json"), default="text")


def _library_arguments(p: argparse.ArgumentParser) -> None:
    lsub = p.add_subparsers(dest="library_command", parser_class=_Parser, required=True)
    v = lsub.add_parser("validate", help="validate library files")
    v.add_argument("paths", nargs="+")
    v = lsub.add_parser(
        "list", help="list the libraries in use: built-in, settings, environment and --library"
    )
    v.add_argument("--format", choices=("text", "json"), default="text")
    _library_arg(v)
    v = lsub.add_parser("show", help="show a library (ID) or a clause (CLAUSE or LIBRARY:CLAUSE)")
    v.add_argument("id")
    v.add_argument("--format", choices=("text", "json"), default="text")
    _library_arg(v)


# Each sub-command: how it is listed, and what adds its arguments (only the chosen command's are built).
_SUBCOMMANDS: dict[str, tuple[dict[str, Any], Callable[[argparse.ArgumentParser], None]]] = {
    "templates": (dict(help="list the document templates"), _templates_arguments),
    "questions": (dict(help="list the wizard's questions for a template"), _questions_arguments),
    "new": (dict(help="assemble a new project from a template"), _new_arguments),
    "import": (
        dict(
            help="turn an existing policy (.md or .docx) into a project; one of our Word exports comes back as "
            "its project",
        ),
        _import_arguments,
    ),
    "check": (
        dict(
            help="check a project or an existing policy",
            description="Check a project, or an existing policy (.md or .docx) as found. For a policy checked as "
            "found, a topic the checker does not recognise is a warning, not an error, so a sound real policy "
            "can pass (exit 0). Settings (jurisdictions, sector, standard, libraries, rules turned off, severities) "
            "may come from a socialpolicy.toml, or [tool.socialpolicy] in pyproject.toml, in the file's folder or "
            "above it; options given here win. See docs/GATE.md.",
        ),
        _check_arguments,
    ),
    "export": (dict(help="export a project to Word, Markdown, HTML or PDF"), _export_arguments),
    "review": (
        dict(help="read a reviewed Word copy (tracked changes, comments) back into its project"),
        _review_arguments,
    ),
    "revisions": (dict(help="list a project's saved revisions, or save one"), _revisions_arguments),
    "library": (dict(help="work with clause libraries"), _library_arguments),
}


COMMANDS = tuple(_SUBCOMMANDS)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser; for ``command``, only that sub-command's arguments are added (the others are listed)."""
    parser = _Parser(prog="socialpolicy", description="Social Policy Studio: policies from modular clauses.")
    parser.add_argument("--version", action="version", version=f"socialpolicy {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    for name, (listing, add_arguments) in _SUBCOMMANDS.items():
        p = sub.add_parser(name, **listing)
        if command is None or command == name:
            add_arguments(p)
    return parser


# Characters a terminal may act on rather than show: C0 controls but tab and newline, DEL, C1 controls,
# and the bidirectional marks, overrides and isolates that reorder what is shown ("Trojan source").
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_JSON_CONTROL = re.compile(r"[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(text: str) -> str:
    """``text`` with every character a terminal would act on shown as an escape (``\\x1b``), so that text
    from a library or project can neither recolour, move, hide nor reorder what the program prints."""
    return _CONTROL.sub(_escape, text.replace("\r\n", "\n"))


def json_safe(text: str) -> str:
    """JSON with the controls that ``json.dumps`` keeps as they are (C1, bidirectional) escaped as well:
    the same data once parsed, and safe to print."""
    return _JSON_CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _out(text: str) -> None:
    text = terminal_safe(text)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _json_out(data: Any) -> None:
    sys.stdout.write(json_safe(json.dumps(data, indent=2, ensure_ascii=False)) + "\n")


def _listing(
    args: argparse.Namespace, items: list[dict[str, Any]], line: Callable[[dict[str, Any]], str]
) -> int:
    """A list command's output: the items as JSON with ``--format json``, else one ``line`` each."""
    if args.format == "json":
        _json_out(items)
    else:
        for item in items:
            _out(line(item))
    return EXIT_OK


def _err(text: str) -> None:
    sys.stderr.write(f"socialpolicy: {terminal_safe(text)}\n")


def _same_file(a: str | Path, b: str | Path) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return False


def _guard_output(inputs: Sequence[str | Path], output: str | Path) -> None:
    for i in inputs:
        if _same_file(i, output):
            raise InputError(output, "the output would overwrite the input; choose another file")
    if Path(output).is_dir():
        raise InputError(output, "the output is a folder; give a file name")
    parent = Path(output).parent
    if not parent.is_dir():
        raise InputError(output, "the folder for the output does not exist")


def cmd_templates(args: argparse.Namespace) -> int:
    from socialpolicy import templates

    items = [
        {"id": t.id, "title": t.title, "version": t.version, "description": t.description}
        for t in templates.available()
    ]
    return _listing(
        args, items, lambda t: f"{t['id']:<24} {t['version']:<8} {t['title']}\n{'':<33} {t['description']}"
    )


def cmd_questions(args: argparse.Namespace) -> int:
    from socialpolicy import templates

    template = templates.get(args.template)
    if args.format == "json":
        _json_out([q.to_dict() for q in template.questions])
        return EXIT_OK
    groups = {g.id: g.title for g in template.groups}
    current = None
    for q in template.questions:
        if q.group != current:
            current = q.group
            _out(f"\n{groups.get(q.group, q.group)}")
        choices = f" [{', '.join(c.value for c in q.choices)}]" if q.choices else ""
        default = f" (default: {json.dumps(q.default)})" if q.default is not None else ""
        _out(f"  {q.id} ({q.type}{', required' if q.required else ''}){choices}{default}\n    {q.label}")
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    from socialpolicy import answers as answers_mod
    from socialpolicy import jsonio, templates
    from socialpolicy.assembly import assemble
    from socialpolicy.library import Catalog
    from socialpolicy.project import save_project, with_id

    template = templates.get(args.template)
    if args.defaults:
        answers = template.defaults()
        inputs: list[str] = []
    else:
        answers = answers_mod.validate(template, jsonio.load_json(args.answers), args.answers)
        inputs = [args.answers]
    _guard_output(inputs, args.output)
    project = with_id(assemble(template, answers, Catalog.configured(args.library)))
    save_project(args.output, project)
    count = sum(len(s.clauses) for s in project.sections)
    _out(f"wrote {args.output}: {count} clauses in {len(project.sections)} sections")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from socialpolicy.importers import import_document
    from socialpolicy.library import Catalog
    from socialpolicy.project import save_project, with_id

    _guard_output([args.file], args.output)
    catalog = Catalog.configured(args.library) if args.file.lower().endswith(".docx") else None
    imported = import_document(args.file, args.changes, catalog)
    project = with_id(imported.project)
    save_project(args.output, project)
    clauses = sum(len(s.clauses) for s in project.sections)
    _out(f"wrote {args.output}: {clauses} clauses in {len(project.sections)} sections")
    if args.file.lower().endswith(".docx") and not args.changes_given:
        _out("tracked changes: accepted (the default; --changes reject or keep to choose)")
    for line in imported.lines:
        _out(line)
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from socialpolicy import gate

    single = gate.single_file(args.paths)
    request = gate.Request(
        tuple(args.paths),
        tuple(args.jurisdiction) if args.jurisdiction else None,
        args.sector,
        args.standard,
        tuple(args.library),
        args.fail_on,
        locate=args.format not in ("text", "json") or not single,
        verify_fixes=args.format == "json" or (args.format == "text" and single),  # where fixes are shown
    )
    if args.output:
        _guard_output(args.paths, args.output)
    checker = gate.Gate(request)
    if single and args.format in ("text", "json"):
        # One file: the report as it has always been printed (scripts read it); bad input raises.
        checked = checker.check(Path(args.paths[0]))
        outcome = gate.Outcome([checked], [], args.fail_on)
        if args.format == "json":
            text = json_safe(json.dumps(checked.report.to_dict(), indent=2, ensure_ascii=False))
        else:
            from socialpolicy.checks.report import format_text

            text = terminal_safe(format_text(checked.report))
    else:
        from socialpolicy.gate import output

        checker.catalog(gate.NO_CONFIG)  # a broken --library: one line for the whole run, not one per file
        outcome = checker.run(lambda u: _err(u.message))
        text = output.render(outcome, args.format)
        text = json_safe(text) if args.format in ("json", "sarif") else terminal_safe(text)
    if args.output:
        from socialpolicy import jsonio
        from socialpolicy.gate.output import summary

        jsonio.atomic_write_text(args.output, text.rstrip("\n") + "\n", backup=False)
        _out(f"{summary(outcome)} Wrote {args.output}.")
    else:
        sys.stdout.write(text.rstrip("\n") + "\n")
    return outcome.exit_code


def cmd_export(args: argparse.Namespace) -> int:
    from socialpolicy.clause_versions import missing_versions
    from socialpolicy.export import export
    from socialpolicy.library import Catalog
    from socialpolicy.workspace import load_document, render_project

    _guard_output([args.project], args.output)
    loaded = load_document(args.project, Catalog.configured(args.library), projects_only=True)
    for problem in missing_versions(loaded.document, loaded.catalog):
        raise InputError(args.project, f"{problem.message} Nothing was exported.")
    findings: list[Any] = []
    if args.review:
        from socialpolicy import checks

        findings = checks.run(loaded.document, catalog=loaded.catalog, source=str(args.project)).findings
    if args.reference and args.format not in ("docx", "pdf"):
        raise InputError(args.reference, "--reference applies only to --format docx and pdf")
    if args.md_flavor and args.format != "md":
        raise InputError(args.project, "--md-flavor applies only to --format md")
    base = None
    label = ""
    if args.redline_against:
        if args.format not in ("docx", "pdf"):
            raise InputError(args.project, "--redline-against applies only to --format docx and pdf")
        from socialpolicy import revisions

        try:
            earlier, label = revisions.project_at(loaded.project, args.redline_against)
        except InputError as exc:
            raise InputError(args.project, exc.message) from None
        base = render_project(earlier, loaded.catalog, args.project)
    notes = export(
        loaded.document,
        args.format,
        args.output,
        review=args.review,
        findings=findings,
        reference=args.reference,
        project=loaded.project,
        base=base,
        base_label=label,
        layout=not args.no_layout,
        md_flavor=args.md_flavor,
    )
    _out(f"wrote {args.output}")
    for note in notes:
        sys.stderr.write(f"socialpolicy: note: {note}\n")
    return EXIT_OK


def cmd_review(args: argparse.Namespace) -> int:
    from socialpolicy import review as review_mod
    from socialpolicy.library import Catalog
    from socialpolicy.project import load_project, save_project

    output = args.output or args.project
    _guard_output([args.reviewed], output)
    project = load_project(args.project)
    found = review_mod.read(args.reviewed)
    catalog = Catalog.configured(args.library)
    lines = review_mod.listing(found, project)
    outcome = None
    if args.accept_all or args.reject_all:
        decision = (
            review_mod.Decision.accept_all(found)
            if args.accept_all
            else review_mod.Decision.reject_all(found)
        )
        outcome = review_mod.apply(project, found, decision, catalog)
        save_project(output, outcome.edit.project)
    if args.format == "json":
        data = review_mod.to_dict(found, project)
        if outcome is not None:
            data["applied"], data["conflicts"], data["output"] = (
                outcome.applied,
                outcome.conflicts,
                str(output),
            )
        _out(json.dumps(data, indent=2, ensure_ascii=False))
        return EXIT_OK
    for line in lines:
        _out(line)
    if outcome is not None:
        _out("")
        for line in outcome.applied or ["nothing was changed"]:
            _out(f"applied: {line}")
        for line in outcome.conflicts:
            _out(f"not applied: {line}")
        _out(f"wrote {output}")
    elif found.changes() or any(c.untracked or c.added for c in found.clauses):
        _out(
            "\nnothing applied yet: run again with --accept-all or --reject-all, or open the review in the app"
        )
    return EXIT_OK


def cmd_revisions(args: argparse.Namespace) -> int:
    from socialpolicy import revisions
    from socialpolicy.project import load_project, save_project

    project = load_project(args.project)
    if args.add is not None:
        try:
            project = revisions.add(project, args.add, author=args.author, version=args.rev_version)
        except InputError as exc:
            raise InputError(args.project, exc.message) from None
        save_project(args.project, project)
        _out(f"saved revision {project.revisions[-1]['version']} in {args.project}")
        return EXIT_OK
    rows = revisions.listing(project)
    if args.format == "json":
        _out(json.dumps(rows, indent=2, ensure_ascii=False))
        return EXIT_OK
    if not rows:
        _out("no revisions")
    for row in rows:
        saved = "" if row["saved"] else "  (history only: no saved copy to compare with)"
        who = f" by {row['author']}" if row["author"] else ""
        _out(f"#{row['index']:<3} {row['version']:<8} {row['date']:<10}{who}  {row['note']}{saved}")
    return EXIT_OK


def cmd_library(args: argparse.Namespace) -> int:
    if args.library_command == "list":
        return _library_list(args)
    if args.library_command == "show":
        return _library_show(args)
    from socialpolicy.library import library_files, load_library_file
    from socialpolicy.validation import library_problems

    problems = 0
    for path in args.paths:
        try:
            files = library_files(path)
            if not files:
                raise InputError(path, "no *.clauses.json files in this folder")
        except InputError as exc:
            problems += 1
            _err(exc.line())
            continue
        for file in files:
            try:
                lib = load_library_file(file)
                found = library_problems(lib, file)
            except InputError as exc:
                found = [exc]
            for problem in found:
                _err(problem.line())
            problems += len(found)
            if not found:
                _out(f"{file}: ok, library {lib.id!r} version {lib.version}, {len(lib)} clauses")
    return EXIT_INPUT if problems else EXIT_OK


def _library_list(args: argparse.Namespace) -> int:
    from socialpolicy.library import Catalog

    catalog = Catalog.configured(args.library)
    items = [
        {
            "id": lib.id,
            "title": lib.title,
            "version": lib.version,
            "publisher": lib.publisher,
            "clauses": len(lib),
            "files": [str(f) for f in lib.files],
        }
        for lib in catalog.libraries
    ]
    return _listing(
        args, items, lambda i: f"{i['id']:<20} {i['version']:<10} {i['clauses']:>5} clauses  {i['title']}"
    )


def _library_show(args: argparse.Namespace) -> int:
    from socialpolicy.library import Catalog

    catalog = Catalog.configured(args.library)
    lib = catalog.library(args.id)
    if lib is not None:
        data: dict[str, Any] = {
            "id": lib.id,
            "title": lib.title,
            "version": lib.version,
            "publisher": lib.publisher,
            "description": lib.description,
            "overrides": dict(lib.overrides),
            "clauses": [
                {
                    "id": c.id,
                    "version": c.version,
                    "title": c.title,
                    "topic": c.topic,
                    "slot": c.slot,
                    "retired": c.retired,
                }
                for c in lib
            ],
        }
        if args.format == "json":
            _json_out(data)
        else:
            _out(f"{lib.id} {lib.version}: {lib.title}" + (f" ({lib.publisher})" if lib.publisher else ""))
            for c in data["clauses"]:
                flags = (" [retired]" if c["retired"] else "") + (f" [slot {c['slot']}]" if c["slot"] else "")
                _out(f"  {c['id']:<44} v{c['version']:<3} {c['topic']:<28} {c['title']}{flags}")
        return EXIT_OK
    library_id, sep, clause_id = args.id.rpartition(":")
    matches = [c for c in catalog if c.id == clause_id and (not sep or c.library == library_id)]
    if not matches:
        raise InputError(None, f"no library or clause {args.id!r} (see 'socialpolicy library list')")
    for clause in matches:
        if args.format == "json":
            _json_out({"library": clause.library, **clause.to_dict()})
            continue
        _out(f"{clause.library}:{clause.id} version {clause.version}: {clause.title}")
        _out(f"topic: {clause.topic}" + (f"   slot: {clause.slot}" if clause.slot else ""))
        if clause.condition:
            _out(f"applies when: {clause.condition}")
        _out(f"\n{clause.body}\n\nWhy: {clause.rationale}")
        for source in clause.sources:
            _out(f"Source: {source.citation}" + (" (law in flux)" if source.in_flux else ""))
        for old in clause.history:
            _out(f"Earlier version {old.version}: {old.change_note or ''}")
    return EXIT_OK


HANDLERS = {
    "templates": cmd_templates,
    "questions": cmd_questions,
    "new": cmd_new,
    "import": cmd_import,
    "check": cmd_check,
    "export": cmd_export,
    "review": cmd_review,
    "revisions": cmd_revisions,
    "library": cmd_library,
}


def launch_gui(argv: Sequence[str]) -> int:
    if len(argv) > 1:
        _err("give at most one file to open")
        return EXIT_INPUT
    from socialpolicy.gui.app import run_app

    return run_app(list(argv))


def _named_input(args: argparse.Namespace) -> str:
    """The file (or name) the command was working on, for the one line a crash prints."""
    for name in ("input", "project", "file", "answers", "id"):
        value = getattr(args, name, None)
        if value:
            return str(value)
    paths = getattr(args, "paths", None)
    return ", ".join(paths) if paths else ""


def _unexpected(exc: BaseException, args: argparse.Namespace) -> int:
    """The last resort: a bug, or an input the program failed to foresee. Log the traceback, print one
    line naming the file, exit 2 (1 would read as 'found errors' in a CI gate)."""
    from socialpolicy import logs

    where = _named_input(args)
    _err(logs.unexpected_line(exc, where, f"running 'socialpolicy {args.command}' on {where or 'no file'}"))
    return EXIT_INPUT


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (args_list[0] not in COMMANDS and not args_list[0].startswith("-")):
        return launch_gui(args_list)
    if argv is None and args_list[0] == "export":
        # One document, built and written, and the process exits: collecting cycles every 700 new objects (the
        # default) costs more than it frees. (Not for check and validate, which may read many files in turn.)
        gc.set_threshold(100_000, 50, 1000)
    parser = build_parser(args_list[0] if args_list[0] in COMMANDS else None)
    args = parser.parse_args(args_list)
    args.changes_given = "--changes" in args_list or any(a.startswith("--changes=") for a in args_list)
    try:
        return HANDLERS[args.command](args)
    except InputError as exc:
        _err(exc.line())
        return EXIT_INPUT
    except KeyboardInterrupt:
        _err("interrupted")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except MemoryError:
        where = _named_input(args)
        _err(f"{where + ': ' if where else ''}the input needs more memory than is available")
        return EXIT_INPUT
    except OSError as exc:  # a file that cannot be written or read (permissions, a full disk, a folder)
        where = exc.filename or _named_input(args)
        _err(f"{where}{': ' if where else ''}{exc.strerror or exc}")
        return EXIT_INPUT
    except Exception as exc:
        return _unexpected(exc, args)
    finally:
        if argv is None:
            # The process exits next, and Python's last collections would walk every object the command
            # made (about a tenth of an export's time); freezing them leaves their freeing to exit itself.
            gc.freeze()
