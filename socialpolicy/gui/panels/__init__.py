"""The main window's panels: each shows part of the open document and says what the author asks for
through its signals; none of them changes the document itself (the controller does)."""
