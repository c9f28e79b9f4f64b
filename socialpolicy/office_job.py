"""Jobs for LibreOffice, run by a Python that can import ``uno`` (Debian's python3-uno, or the one
LibreOffice ships), never by the program's own interpreter: ``python office_job.py REQUEST.json``.

The request names a job and its files; the answer is printed as one JSON object on stdout. Jobs:

- ``layout``: lay the document out and report, for every bookmark, the page it falls on and the list
  number of its paragraph, and the number of pages;
- ``convert``: save as another format (PDF, or Word after a LibreOffice round trip);
- ``review``: edit as a reviewer would, with change tracking on (replace, insert after, delete, comment),
  then save as Word — used by the tests to make reviewed files the way LibreOffice writes them;
- ``accept`` / ``reject``: accept or reject every tracked change, then report the text.

This file imports nothing from the program, so it runs under any Python 3 with ``uno``.
"""

import json
import os
import subprocess
import sys
import time

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]


def _prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def _start(soffice, profile, timeout):
    pipe = f"socialpolicy{os.getpid()}{int(time.time() * 1000) % 100000}"
    proc = subprocess.Popen(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            "--nodefault",
            "--nolockcheck",
            f"--accept=pipe,name={pipe};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.time() + timeout
    while True:
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            return proc, ctx
        except Exception:
            if proc.poll() is not None or time.time() > deadline:
                proc.kill()
                raise RuntimeError("LibreOffice did not start") from None
            time.sleep(0.1)


def _load(desktop, path):
    url = uno.systemPathToFileUrl(os.path.abspath(path))
    doc = desktop.loadComponentFromURL(url, "_blank", 0, (_prop("Hidden", True), _prop("ReadOnly", False)))
    if doc is None:
        raise RuntimeError(f"LibreOffice could not open {path}")
    return doc


def _save(doc, path, filter_name):
    doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(path)), (_prop("FilterName", filter_name),))


def _label(anchor):
    try:
        cursor = anchor.getText().createTextCursorByRange(anchor.getStart())
        return cursor.getPropertyValue("ListLabelString") or ""
    except Exception:
        return ""


def job_layout(doc, request):
    view = doc.getCurrentController().getViewCursor()
    marks = {}
    bookmarks = doc.getBookmarks()
    for name in bookmarks.getElementNames():
        anchor = bookmarks.getByName(name).getAnchor()
        view.gotoRange(anchor.getStart(), False)
        marks[name] = {"page": view.getPage(), "label": _label(anchor)}
    pages = doc.getCurrentController().getPropertyValue("PageCount")
    return {"bookmarks": marks, "pages": pages}


def _update(doc):
    """Fields and indexes brought up to date, as F9 does in Word (the contents page included)."""
    doc.getTextFields().refresh()
    indexes = doc.getDocumentIndexes()
    for i in range(indexes.getCount()):
        indexes.getByIndex(i).update()
    doc.refresh()


def job_convert(doc, request):
    if request.get("update"):
        _update(doc)
    _save(doc, request["output"], request["filter"])
    return {"output": request["output"]}


def _set_user(ctx, name):
    provider = ctx.ServiceManager.createInstanceWithContext(
        "com.sun.star.configuration.ConfigurationProvider", ctx
    )
    access = provider.createInstanceWithArguments(
        "com.sun.star.configuration.ConfigurationUpdateAccess",
        (_prop("nodepath", "/org.openoffice.UserProfile/Data"),),
    )
    given, _, family = name.partition(" ")
    access.setPropertyValue("givenname", given)
    access.setPropertyValue("sn", family)
    access.commitChanges()


def _find(doc, text):
    search = doc.createSearchDescriptor()
    search.SearchString = text
    search.SearchCaseSensitive = True
    found = doc.findFirst(search)
    if found is None:
        raise RuntimeError(f"text not found: {text!r}")
    return found


def job_review(doc, request, ctx):
    from com.sun.star.text.ControlCharacter import PARAGRAPH_BREAK  # type: ignore[import-not-found]
    from com.sun.star.util import DateTime  # type: ignore[import-not-found]

    doc.RecordChanges = True
    done = []
    for edit in request["edits"]:
        kind = edit["kind"]
        if kind == "replace":
            _find(doc, edit["find"]).setString(edit["text"])
        elif kind == "delete":
            _find(doc, edit["find"]).setString("")
        elif kind == "insert-after":  # a new paragraph after the paragraph holding "find"
            found = _find(doc, edit["find"])
            text = found.getText()
            cursor = text.createTextCursorByRange(found.getEnd())
            cursor.gotoEndOfParagraph(False)
            text.insertControlCharacter(cursor, PARAGRAPH_BREAK, False)
            text.insertString(cursor, edit["text"], False)
        elif kind == "comment":
            found = _find(doc, edit["find"])
            note = doc.createInstance("com.sun.star.text.textfield.Annotation")
            note.Author = edit.get("author", request.get("author", "Reviewer"))
            note.Initials = "".join(w[:1] for w in note.Author.split())
            note.Content = edit["text"]
            stamp = DateTime()
            year, month, day = (int(x) for x in edit.get("date", "2026-12-01").split("-"))
            stamp.Year, stamp.Month, stamp.Day, stamp.Hours = year, month, day, 10
            note.DateTimeValue = stamp
            found.getText().insertTextContent(found, note, True)
        else:
            raise RuntimeError(f"unknown edit {kind!r}")
        done.append(kind)
    _save(doc, request["output"], "MS Word 2007 XML")
    return {"done": done}


def _dispatch(ctx, doc, command):
    dispatcher = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
    frame = doc.getCurrentController().getFrame()
    dispatcher.executeDispatch(frame, command, "", 0, ())


def _text(doc):
    out = []
    enum = doc.getText().createEnumeration()
    while enum.hasMoreElements():
        part = enum.nextElement()
        if part.supportsService("com.sun.star.text.Paragraph"):
            out.append(part.getString())
        elif part.supportsService("com.sun.star.text.TextTable"):
            for name in part.getCellNames():
                out.append(part.getCellByName(name).getString())
    return out


def job_accept(doc, request, ctx, command=".uno:AcceptAllTrackedChanges"):
    _dispatch(ctx, doc, command)
    remaining = doc.getRedlines().createEnumeration().hasMoreElements()
    if request.get("output"):
        _save(doc, request["output"], request.get("filter", "MS Word 2007 XML"))
    return {"paragraphs": _text(doc), "remaining": bool(remaining)}


def main():
    with open(sys.argv[1], encoding="utf-8") as handle:
        request = json.load(handle)
    proc, ctx = _start(request["soffice"], request["profile"], request.get("timeout", 60))
    doc = None
    try:
        if request.get("user"):
            _set_user(ctx, request["user"])
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = _load(desktop, request["input"])
        job = request["job"]
        if job == "layout":
            answer = job_layout(doc, request)
        elif job == "convert":
            answer = job_convert(doc, request)
        elif job == "review":
            answer = job_review(doc, request, ctx)
        elif job == "accept":
            answer = job_accept(doc, request, ctx)
        elif job == "reject":
            answer = job_accept(doc, request, ctx, ".uno:RejectAllTrackedChanges")
        else:
            raise RuntimeError(f"unknown job {job!r}")
        sys.stdout.write(json.dumps({"ok": True, **answer}))
    except Exception as exc:
        sys.stdout.write(json.dumps({"ok": False, "error": f"{type(exc).__name__}: {exc}"}))
    finally:
        try:
            if doc is not None:
                doc.close(True)
        except Exception:
            pass
        try:
            desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
            desktop.terminate()
        except Exception:
            pass
        try:
            proc.wait(timeout=10)
        except Exception:
            proc.kill()


if __name__ == "__main__":
    main()
