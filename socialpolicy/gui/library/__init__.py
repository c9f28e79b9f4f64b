"""Team clause libraries in the app: the library editor window, "Save to library" from a document, and
the review of library updates for a project. The decisions are in ``socialpolicy.app.library_session``."""
