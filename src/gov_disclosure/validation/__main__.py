"""``python -m gov_disclosure.validation``: the README's table of rules, from the registry."""

from .rules import RULES


def rule_table() -> str:
    lines = ["| rule | severity | what it checks |", "|---|---|---|"]
    for rule in RULES.values():
        lines.append(f"| `{rule.id}` | {rule.severity} | {rule.description_zh}<br>{rule.description_en} |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(rule_table())
