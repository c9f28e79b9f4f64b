"""Social Policy Studio: policies from modular clauses, checked and exported.

Everything in this package except :mod:`socialpolicy.gui` is free of Qt.
"""

__version__ = "0.1.0"
APP_NAME = "Social Policy Studio"
