"""CAMEO code table (names, Goldstein weights), QuadClass, and the CAMEO → PLOVER mapping."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import ResourceError
from ..resources import read_tsv


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    name: str
    goldstein: float | None
    quad_class: int | None
    plover: str | None
    mode: str | None
    context: tuple[str, ...]


# The CAMEO root each stance's codes live under (``stances.tsv``).
_STANCE_ROOTS = {"AGREE": "03", "REJECT": "12"}


def quad_class(code: str) -> int:
    """GDELT's QuadClass: 1 verbal cooperation (roots 01-05), 2 material cooperation (06-08),
    3 verbal conflict (09-13), 4 material conflict (14-20)."""
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


class CameoTable:
    def __init__(
        self, codes: dict[str, CameoCode], stances: dict[tuple[str, str], str] | None = None
    ) -> None:
        self.codes = codes
        self.stances = stances or {}

    @classmethod
    def from_tsv(
        cls, cameo_path: Path, plover_path: Path, stances_path: Path | None = None
    ) -> CameoTable:
        plover: dict[str, tuple[str, str, str]] = {}
        for _, row in read_tsv(plover_path, ("cameo", "event", "mode", "context")):
            plover[row["cameo"]] = (row["event"], row["mode"], row["context"])
        codes = {}
        for line, row in read_tsv(cameo_path, ("code", "name", "goldstein")):
            code = row["code"]
            prefix = next((code[:n] for n in range(len(code), 1, -1) if code[:n] in plover), None)
            if prefix is None:
                raise ResourceError(
                    f"{plover_path}: no PLOVER mapping for CAMEO {code} ({cameo_path}:{line})"
                )
            event, mode, context = plover[prefix]
            codes[code] = CameoCode(
                code,
                row["name"],
                float(row["goldstein"]),
                quad_class(code),
                event,
                mode or None,
                tuple(c for c in context.split("|") if c),
            )
        stances = {}
        if stances_path is not None:
            for line, row in read_tsv(stances_path, ("reading", "act", "code")):
                root = _STANCE_ROOTS.get(row["reading"])
                if root is None:
                    raise ResourceError(
                        f"{stances_path}:{line}: reading {row['reading']!r} is not one of "
                        f"{', '.join(_STANCE_ROOTS)}"
                    )
                for code in (row["act"], row["code"]):
                    if code not in codes:
                        raise ResourceError(f"{stances_path}:{line}: unknown CAMEO code {code!r}")
                if row["code"][:2] != root:
                    raise ResourceError(
                        f"{stances_path}:{line}: a {row['reading']} code must be under {root}"
                    )
                stances[(row["reading"], row["act"])] = row["code"]
        return cls(codes, stances)

    def stance(self, reading: str, code: str) -> str | None:
        """CAMEO's code for a stance taken on the act ``code``: intending or offering it
        (``AGREE``: "agreed to lift the ban", 081, is 0351 *express intent to ease administrative
        sanctions*) or refusing it (``REJECT``: "refused direct talks", 043, is 125). The entry
        of the act's longest prefix in ``stances.tsv``; None where CAMEO has no such code.
        """
        return next(
            (
                self.stances[(reading, code[:n])]
                for n in range(len(code), 1, -1)
                if (reading, code[:n]) in self.stances
            ),
            None,
        )

    def __getitem__(self, code: str) -> CameoCode:
        try:
            return self.codes[code]
        except KeyError:
            raise ResourceError(f"unknown CAMEO code {code!r}") from None

    def get(self, code: str) -> CameoCode:
        """The code's entry; a code the table lacks (an imported dictionary's own, such as
        "1717" or TABARI's "903") takes what its longest known prefix says, or nothing."""
        if code in self.codes:
            return self.codes[code]
        parent = next(
            (self.codes[code[:n]] for n in range(len(code) - 1, 1, -1) if code[:n] in self.codes),
            None,
        )
        if parent is None:
            return CameoCode(code, "", None, None, None, None, ())
        return CameoCode(
            code, parent.name, parent.goldstein, parent.quad_class, parent.plover,
            parent.mode, parent.context,
        )  # fmt: skip

    def __contains__(self, code: str) -> bool:
        return code in self.codes
