"""The test run's parser cache folder, hypothesis profiles, and the order tests start in.

Hypothesis profiles, how many examples each property runs:

- ``default``, a developer's run: 10 examples a property, a tenth of hypothesis' 100, so that
  the quick loop (``-m "not slow"``) stays a quick loop;
- ``ci``, which hypothesis loads under CI=true: its own profile (100 examples, derandomized),
  extended, not replaced;
- ``long`` (HYPOTHESIS_PROFILE=long), the deep run: 5,000 examples, no deadline.

A test that sets its own count scales with the profile too (tests/profiles.py).
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

import pytest
from hypothesis import HealthCheck, settings

# The parser cache of a test run goes to a folder of its own, removed at exit: tests never
# write into the user's real cache folder (tests/test_parser_cache.py sets its own per test).
# pytest-xdist's workers inherit the folder from the process that started them, so that each
# worker loads the parsers the first one built instead of building them again (the cache is
# safe for processes filling it at once; tests/test_parser_cache.py checks that).
_RUN_CACHE_VARIABLE = "GOV_DISCLOSURE_TEST_RUN_CACHE"
if _RUN_CACHE_VARIABLE not in os.environ:
    os.environ[_RUN_CACHE_VARIABLE] = tempfile.mkdtemp(prefix="gov-disclosure-tests-")
    atexit.register(shutil.rmtree, os.environ[_RUN_CACHE_VARIABLE], ignore_errors=True)
os.environ["XDG_CACHE_HOME"] = os.environ[_RUN_CACHE_VARIABLE]

settings.register_profile("ci", settings.get_profile("ci"), deadline=None)
settings.register_profile(
    "long",
    settings.get_profile("default"),
    max_examples=5_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
# Replaces hypothesis' default profile, in force at once when it is the one loaded.
settings.register_profile("default", settings.get_profile("default"), max_examples=10)
if profile := os.environ.get("HYPOTHESIS_PROFILE"):
    settings.load_profile(profile)


@pytest.hookimpl(tryfirst=True)  # before --failed-first and the like, which reorder again
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The slow tests start first: begun last, one of them (up to a dozen seconds) would run on
    one worker while the others had nothing left to do."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)
