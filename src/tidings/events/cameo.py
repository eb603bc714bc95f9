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


def quad_class(code: str) -> int:
    """GDELT's QuadClass: 1 verbal cooperation (roots 01-05), 2 material cooperation (06-08),
    3 verbal conflict (09-13), 4 material conflict (14-20)."""
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


class CameoTable:
    def __init__(self, codes: dict[str, CameoCode]) -> None:
        self.codes = codes

    @classmethod
    def from_tsv(cls, cameo_path: Path, plover_path: Path) -> CameoTable:
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
        return cls(codes)

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
