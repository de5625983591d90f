"""Hypothesis profiles: the CI profile hypothesis loads under CI=true is extended, not replaced.

HYPOTHESIS_PROFILE=long selects the deep run (many more examples, no deadline).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile("ci", settings.get_profile("ci"), deadline=None)
settings.register_profile(
    "long",
    settings.get_profile("default"),
    max_examples=5_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
if profile := os.environ.get("HYPOTHESIS_PROFILE"):
    settings.load_profile(profile)
