"""Fixtures of the LLM driver tests: the scripted model and the OpenAI-compatible stub live
beside them."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
