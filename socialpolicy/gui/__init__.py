"""The desktop app: all Qt code lives in this package, and nothing else."""

from socialpolicy.gui.compat import guard_none_refcount

guard_none_refcount()
