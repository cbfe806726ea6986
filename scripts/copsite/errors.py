"""User-facing errors: a file, a line, a rule and a plain message, never a traceback."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    rule: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}: [{self.rule}] {self.message}"


class CopsiteError(Exception):
    """An error in input the user controls. Printed as is, exit status 1."""

    def __init__(self, findings: list[Finding] | Finding | str):
        if isinstance(findings, (Finding, str)):
            findings = [findings]
        self.findings = findings
        super().__init__("\n".join(str(f) for f in findings))


def finding(path: Path | str, line: int, rule: str, message: str, severity: str = "error") -> Finding:
    from .paths import rel

    return Finding(rel(Path(path)), line, rule, message, severity)


def is_error(f) -> bool:
    """Findings that fail a check: everything but information (a plain string is an error)."""
    return getattr(f, "severity", "error") != "info"
