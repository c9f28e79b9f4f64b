"""Dialogs. Each that answers a question returns its result through a class method (for example
``AcceptRiskDialog.get_reason(parent, ...) -> (by, reason, ok)``), so tests can drive it."""
