"""activate-pack: turn YAML card descriptions into print-ready PDF card packs."""

from __future__ import annotations

__version__ = "0.1.0"
