"""Hypothesis profiles: the CI profile hypothesis loads under CI=true is extended, not replaced.

HYPOTHESIS_PROFILE=long selects the deep run (many more examples, no deadline).
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

from hypothesis import HealthCheck, settings

# The parser cache of a test run goes to a folder of its own, removed at exit: tests never
# write into the user's real cache folder (tests/test_parser_cache.py sets its own per test).
_CACHE_HOME = tempfile.mkdtemp(prefix="gov-disclosure-tests-")
os.environ["XDG_CACHE_HOME"] = _CACHE_HOME
atexit.register(shutil.rmtree, _CACHE_HOME, ignore_errors=True)

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
