"""Every alignment rule, one module each. This import list is the one place rules are enabled.

See `registry.RULES` for the central table of codes.
"""

from cascade.checks import (  # noqa: F401  (each import registers its rule)
    activity_not_result,
    copied_from_supervisor,
    copied_iki_list,
    cross_unit_link,
    cycle,
    duplicate_formula,
    duplicate_staff_iki,
    empty_cascade,
    head_not_unique,
    indicator_sasaran_mismatch,
    invalid_budget_code,
    invalid_nip,
    inverted_link,
    level_skip,
    measured_vs_derived_gap,
    missing_formula_or_source,
    missing_target,
    non_positive_weight,
    not_traceable_to_iku,
    orphan,
    sasaran_drift,
    sasaran_without_indicator,
    unit_mismatch,
    unknown_reference,
    unsupported_iku,
)
from cascade.checks.registry import RULES, CheckConfig, Finding, Rule

__all__ = ["RULES", "CheckConfig", "Finding", "Rule"]
