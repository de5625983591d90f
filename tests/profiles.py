"""How many examples a property test runs when it sets its own count.

A test that pins its count (cheap enough for more, or too slow for as many) passes it through
``examples``: the count is what the test runs where hypothesis runs 100 examples (the ``ci``
profile), and it scales with the loaded profile like every other property: a tenth under
``default`` (10, a developer's run), fifty times under ``long`` (5,000). So
``HYPOTHESIS_PROFILE=long`` deepens every property, pinned or not. The profile is read when the
test module is imported: tests/conftest.py loads it before that.
"""

from __future__ import annotations

from hypothesis import settings

STANDARD = 100  # hypothesis' own max_examples, the ci profile's: a pinned count is relative to it


def examples(base: int) -> int:
    """``base`` scaled by the loaded profile's examples per property over hypothesis' 100."""
    return max(1, base * settings().max_examples // STANDARD)
