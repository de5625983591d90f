"""Tools for testing code that uses gov_disclosure. Not imported by ``import gov_disclosure``.

``gov_disclosure.testing.strategies`` holds hypothesis strategies (needs hypothesis).
"""
