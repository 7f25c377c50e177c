"""The names of the discovery kinds, in the order they run (auditor.discover.KINDS; a test keeps
the two equal). Kept apart so that the command line and the config can name them without
importing discovery."""
from __future__ import annotations

KIND_NAMES = ("sum", "share", "growth", "points", "average", "items", "repeated", "difference", "multiple",
              "structure", "ratio", "annual", "table", "column", "total", "proportion", "change",
              "quotient")
