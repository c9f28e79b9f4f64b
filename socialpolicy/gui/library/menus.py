"""The library editor's menus, shortcuts and enabled state: one table (see ``socialpolicy.gui.actions``)."""

from __future__ import annotations

from socialpolicy.gui.actions import SEPARATOR, Act, K, Menu, Slot

MENUS: tuple[Menu, ...] = (
    (
        "&Library",
        (
            Act("new_library", "&New library…", (K.New,)),
            Act("open_dialog", "&Open library…", (K.Open,)),
            Act(
                "save_all",
                "&Save library",
                (K.Save,),
                "Save the clause being edited, if any, and the library file",
                "library",
            ),
            Act("save_as", "Save library &as…", (K.SaveAs,), needs="library"),
            SEPARATOR,
            Act(
                "import_dialog",
                "&Import clauses from a library…",
                (),
                "Add the clauses of another library file to this one",
                "library",
            ),
            Act(
                "export_dialog",
                "&Export selected clauses…",
                (),
                "Write the selected clauses to a new library file",
                "selection",
            ),
            SEPARATOR,
            Act("edit_details", "Library &details…", needs="library"),
            SEPARATOR,
            Act("close", "&Close", (K.Close,)),
        ),
    ),
    (
        "&Edit",
        (
            Slot("undo"),
            SEPARATOR,
            Act("new_clause", "&Add clause", ("Ctrl+Shift+N",), "Start a new clause", "library"),
            Act(
                "duplicate_clause",
                "D&uplicate",
                ("Ctrl+D",),
                "Start a new clause from a copy of this one",
                "clause",
            ),
            Act(
                "toggle_retired",
                "&Retire",
                (),
                "Keep the clause for documents that use it, but stop offering it",
                "clause",
            ),
            Act("delete_clause", "De&lete", (K.Delete,), "Remove the clause from the library", "clause"),
        ),
    ),
)
TOOLBAR = ("new_library", "open_dialog", "save_all", "-", "undo", "-", "import_dialog", "export_dialog")
