"""Validation: every rule an evaluator applies to a report, as findings that point at the cell.

    result = report.validate()                 # or validate(report, previous=last_year)
    result.ok, result.errors, result.warnings, result.incomplete

Where each rule is checked:

- ``arithmetic.py``   the sums of 表三 and 表四
- ``values.py``       single values: negative counts, the fee's unit, blank cells
- ``structure.py``    sections, tables, rows, columns, labels, format, year
- ``narrative.py``    section 一 against the tables; section 六 on fees
- ``cross_year.py``   this year's report against last year's
- ``diagnostics.py``  what the parser noted (extra tables, text skipped, counts with decimals)
                      and the numbers it placed by inference
- ``rules.py``        the registry: each rule's id, severity and description, and the rule
                      each parser diagnostic code becomes (``FINDING_FOR_CODE``)

Validation never raises on bad data: a number that could not be read makes the checks that
need it ``incomplete``, never a violation.
"""

from __future__ import annotations

from ..model import ActiveDisclosure, Applications, Report, ReviewLitigation
from .findings import Finding, Validation
from .rules import FINDING_FOR_CODE, NOT_A_FINDING, RULES, Rule

__all__ = [
    "FINDING_FOR_CODE",
    "NOT_A_FINDING",
    "RULES",
    "Finding",
    "Rule",
    "Validation",
    "validate",
    "validate_table",
]


def validate(report: Report, previous: Report | None = None) -> Validation:
    """All the rules that apply to ``report``; the cross-year ones too when ``previous`` (last
    year's report of the same agency) is given."""
    # The checkers are imported here, not with the package: `import gov_disclosure` stays light.
    from .arithmetic import check_applications, check_review_litigation
    from .cross_year import check_cross_year
    from .diagnostics import check_diagnostics, not_a_report, placed_by_sums, split_by_sums
    from .narrative import check_fee_statement, check_narrative
    from .structure import check_structure
    from .values import check_blanks, check_fee_unit, check_values

    if (refused := not_a_report(report)) is not None:
        return Validation([refused])  # nothing else is charged to a document that is no report
    split = split_by_sums(report)
    findings = [
        *check_structure(report),
        *check_values(report._all_cells(), report.template),
        *check_blanks(report.diagnostics),
        *check_fee_unit(report.active_disclosure, report.agency),
        *check_applications(report.applications, report.template, split_by=split),
        *check_review_litigation(
            report.review_litigation,
            placed_by_sums=placed_by_sums(report),
            split_by=split,
        ),
        *check_narrative(report),
        *check_fee_statement(report),
        *check_diagnostics(report),
    ]
    if previous is not None:
        findings += check_cross_year(report, previous)
    return Validation(findings)


def validate_table(table: ActiveDisclosure | Applications | ReviewLitigation) -> Validation:
    """The rules that one table can be checked by on its own."""
    from .arithmetic import check_applications, check_review_litigation
    from .values import check_fee_unit, check_values

    findings = list(check_values(table.cells()))
    if isinstance(table, Applications):
        findings += check_applications(table)
    elif isinstance(table, ReviewLitigation):
        findings += check_review_litigation(table)
    else:
        findings += check_fee_unit(table, None)
    return Validation(findings)
