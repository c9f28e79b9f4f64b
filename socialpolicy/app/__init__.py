"""The application layer: what the desktop app decides, without Qt.

A :class:`~socialpolicy.app.document_session.DocumentSession` holds one open document (project,
rendered Document, report, path, undo history, recovery file, check scheduling, export jobs); a
:class:`~socialpolicy.app.library_session.LibrarySession` holds the library being edited. Both are
plain Python, tested without a window; ``socialpolicy.gui`` shows them and turns clicks into their
calls. See ``docs/ARCHITECTURE.md``.
"""
