"""Reviewed Word files made as a lawyer makes them, by script: tracked replacements, insertions and
deletions, comments, with the wrappers real files have (hyperlinks, smart tags, content controls).
The LibreOffice-made variant goes through :func:`socialpolicy.office.run_job` ("review")."""

from __future__ import annotations

import copy
import re
import subprocess
import zipfile
from pathlib import Path

import docx
from docx.oxml.parser import parse_xml
from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WNS = f'xmlns:w="{W}"'
AUTHOR = "Dana Reviewer"
DATE = "2026-12-01T09:30:00Z"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


class Reviewer:
    """Edits a .docx the way Word records them with Track Changes on."""

    def __init__(self, path: Path, author: str = AUTHOR, date: str = DATE) -> None:
        self.document = docx.Document(str(path))
        self.author, self.date = author, date
        self.next_id = 9000

    def _mark(self, tag: str) -> str:
        self.next_id += 1
        return f'<w:{tag} {WNS} w:id="{self.next_id}" w:author="{self.author}" w:date="{self.date}"/>'

    def paragraph(self, find: str) -> etree._Element:
        for p in self.document.element.body.iter(_w("p")):
            if find in "".join(t.text or "" for t in p.iter(_w("t"))):
                return p
        raise AssertionError(f"no paragraph holds {find!r}")

    def _run_with(self, find: str) -> etree._Element:
        p = self.paragraph(find)
        for t in p.iter(_w("t")):
            if find in (t.text or ""):
                return t.getparent()
        raise AssertionError(f"{find!r} is split over runs")

    def _split(self, run: etree._Element, find: str) -> etree._Element:
        """Split ``run`` so that ``find`` is a run of its own; return that run."""
        t = run.find(_w("t"))
        before, _, after = (t.text or "").partition(find)
        parts = []
        for text in (before, find, after):
            clone = copy.deepcopy(run)
            clone.find(_w("t")).text = text
            clone.find(_w("t")).set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            parts.append(clone)
        for part in parts:
            run.addprevious(part)
        run.getparent().remove(run)
        for part, text in zip(parts, (before, find, after), strict=True):
            if not text:
                part.getparent().remove(part)
        return parts[1]

    def replace(self, find: str, new: str) -> None:
        """A tracked deletion of ``find`` followed by a tracked insertion of ``new``."""
        run = self._split(self._run_with(find), find)
        deleted = copy.deepcopy(run)
        t = deleted.find(_w("t"))
        t.tag = _w("delText")
        wrapper_del = parse_xml(self._mark("del"))
        wrapper_del.append(deleted)
        inserted = copy.deepcopy(run)
        inserted.find(_w("t")).text = new
        wrapper_ins = parse_xml(self._mark("ins"))
        wrapper_ins.append(inserted)
        run.addprevious(wrapper_del)
        run.addprevious(wrapper_ins)
        run.getparent().remove(run)

    def delete(self, find: str) -> None:
        run = self._split(self._run_with(find), find)
        run.find(_w("t")).tag = _w("delText")
        wrapper = parse_xml(self._mark("del"))
        run.addprevious(wrapper)
        wrapper.append(run)

    def insert_after(self, find: str, text: str, *, in_smart_tag: bool = False) -> None:
        """A new paragraph after the one holding ``find``, its text and its mark tracked as inserted."""
        p = self.paragraph(find)
        new = parse_xml(f"<w:p {WNS}/>")
        ppr = p.find(_w("pPr"))
        if ppr is not None:
            new.append(copy.deepcopy(ppr))
            for child in list(new.find(_w("pPr"))):
                if child.tag == _w("rPr"):
                    new.find(_w("pPr")).remove(child)
        else:
            new.append(parse_xml(f"<w:pPr {WNS}/>"))
        rpr = parse_xml(f"<w:rPr {WNS}/>")
        rpr.append(parse_xml(self._mark("ins")))
        new.find(_w("pPr")).append(rpr)
        wrapper = parse_xml(self._mark("ins"))
        run = parse_xml(f'<w:r {WNS}><w:t xml:space="preserve">{text}</w:t></w:r>')
        if in_smart_tag:  # as Word wraps a recognised date or place
            tag = parse_xml(
                f'<w:smartTag {WNS} w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="place"/>'
            )
            tag.append(run)
            wrapper.append(tag)
        else:
            wrapper.append(run)
        new.append(wrapper)
        p.addnext(new)

    def delete_paragraph(self, find: str) -> None:
        """The whole paragraph holding ``find`` deleted, its mark included."""
        p = self.paragraph(find)
        for run in list(p.findall(_w("r"))):
            for t in run.findall(_w("t")):
                t.tag = _w("delText")
            wrapper = parse_xml(self._mark("del"))
            run.addprevious(wrapper)
            wrapper.append(run)
        ppr = p.find(_w("pPr"))
        if ppr is None:
            ppr = parse_xml(f"<w:pPr {WNS}/>")
            p.insert(0, ppr)
        rpr = ppr.find(_w("rPr"))
        if rpr is None:
            rpr = parse_xml(f"<w:rPr {WNS}/>")
            ppr.append(rpr)
        rpr.append(parse_xml(self._mark("del")))

    def wrap_in_content_control(self, find: str) -> None:
        """Put the run holding ``find`` inside an inline content control (w:sdt), as forms do."""
        run = self._run_with(find)
        sdt = parse_xml(f'<w:sdt {WNS}><w:sdtPr><w:tag w:val="field"/></w:sdtPr><w:sdtContent/></w:sdt>')
        run.addprevious(sdt)
        sdt.find(_w("sdtContent")).append(run)

    def comment(self, find: str, text: str) -> None:
        run = self._split(self._run_with(find), find)
        paragraph = docx.text.paragraph.Paragraph(run.getparent(), self.document._body)
        r = docx.text.run.Run(run, paragraph)
        comment = self.document.comments.add_comment(text=text, author=self.author, initials="DR")
        r.mark_comment_range(r, comment.comment_id)

    def untracked(self, find: str, new: str) -> None:
        """An edit made with Track Changes off."""
        run = self._run_with(find)
        t = run.find(_w("t"))
        t.text = (t.text or "").replace(find, new)

    def save(self, path: Path) -> Path:
        self.document.save(str(path))
        return path


def pandoc_plain(path: Path, changes: str) -> list[str]:
    """Paragraph texts pandoc reads from a Word file with its changes accepted or rejected."""
    out = subprocess.run(
        ["pandoc", f"--track-changes={changes}", "-f", "docx", "-t", "plain", "--wrap=none", str(path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    return [line for line in (normal(x) for x in out.split("\n")) if line]


def normal(text: str) -> str:
    from socialpolicy.review import normalise

    text = re.sub(r"^\s*(?:[-*•–▪]|\(?[a-z0-9]{1,3}[.)])\s+", "", text)  # list markers pandoc prints
    return normalise(text)


def texts(path: Path, tag: str = "t") -> list[str]:
    """Every w:t (or w:delText) of the body, in order."""
    root = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    return [t.text or "" for t in root.iter(_w(tag))]
