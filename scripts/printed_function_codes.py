"""List the functional-classification codes (支出功能分类 类/款/项) printed in a text; report those the seed lacks.

Usage (from the repository root):

    python scripts/printed_function_codes.py FILE.layout.txt [...]          # missing codes and name differences
    python scripts/printed_function_codes.py --all FILE.layout.txt [...]    # every printed code, one line each

Input is text with the statements' columns kept in place — ``pdftotext -layout`` output (the
``*.layout.txt`` beside the shared samples), a report's .txt rendition. The exit status is 1 when a
printed code is missing from ``dbt_project/seeds/function_classification.csv``, else 0. A printed
name is compared with the seed's name and with the names earlier editions gave the code
(``function_classification_former_names.csv``: 20805 was 行政事业单位离退休 before it became
行政事业单位养老支出); ``NAME`` (neither) and ``FORMER`` (an earlier edition's) are reported, never fatal.

A code is read where a statement prints it, at the start of a line (at most a few spaces in):
split across the 类 | 款 | 项 columns (``201   06   01   行政运行``) or joined (``2013901   行政运行``).
Only 3/5/7 digits starting with 2 (the expenditure classes 201–239) count, so years (2024年),
amounts (2391.92) and page numbers are not codes.

A name too long for its cell wraps onto text-only lines above and/or below the code line
(``机关事业单位基本养老保险`` / ``缴费支出``), or leaves the code line without any name. Which
wrapped fragments belong to which code is not decidable from the text alone, so a code line keeps
the fragments around it, and the seed's name is accepted when it equals some run of them joined
with the name printed on the code line (``name_candidates``).
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
from dataclasses import dataclass
from pathlib import Path

SEED_PATH = Path(__file__).resolve().parents[1] / "dbt_project" / "seeds" / "function_classification.csv"
FORMER_NAMES_FILE = "function_classification_former_names.csv"

# The class part of a code: 201–239 (a 200 or 250 at a line start is a count or an amount, not a code).
_CLASS = r"2(?:0[1-9]|[1-3]\d)"
# Code at the start of a line: joined (2013901) or split over the 类/款/项 columns (201  06  01).
_CODE = re.compile(rf"^ {{0,4}}(?P<code>{_CLASS}(?: +\d{{2}}){{1,2}}|{_CLASS}(?:\d{{2}}){{0,2}})(?= |$)")
# The name printed right after the code: CJK text with its brackets, up to two spaces or an amount.
_NAME = re.compile(r"^ +(?P<name>[^\s\d,.\-][^\s]*(?: [^\s\d,.\-][^\s]*)*)")
# A wrapped fragment: an indented line of name text only (no digits, no amount).
_FRAGMENT = re.compile(r"^ {2,}(?P<text>[\u3400-\u9fff（）()、“”]+)\s*$")
# The pipeline's own text renditions of Word/PDF tables put one cell per line, tab first, and a blank
# line between rows (tests/fixtures/national_tables/mini_template_yuan.txt).
_CELL_CODE = re.compile(rf"^\t(?P<code>{_CLASS}(?:\d{{2}}){{0,2}})$")
_CELL_NAME = re.compile(r"^\t(?P<text>[\u3400-\u9fff（）()、“”]+)$")
_LEVELS = {3: "class", 5: "kuan", 7: "xiang"}
# How many wrapped lines a name may spread over on each side of its code line.
_WRAP = 3


@dataclass(frozen=True)
class PrintedCode:
    """One code line of a statement: where it is, the name printed on it and the wrapped fragments around it."""

    code: str
    line_no: int
    printed_name: str
    above: tuple[str, ...] = ()
    below: tuple[str, ...] = ()

    @property
    def level(self) -> str:
        return _LEVELS[len(self.code)]

    def name_candidates(self) -> set[str]:
        """Every reading of the name: a run of fragments above + the code line's name + a run below."""
        return {
            "".join(self.above[start:]) + self.printed_name + "".join(self.below[:stop])
            for start in range(len(self.above) + 1)
            for stop in range(len(self.below) + 1)
        } - {""}


def code_on_line(line: str) -> tuple[str, str] | None:
    """(code, name printed after it) when a layout line starts with a functional code, else None."""
    match = _CODE.match(line)
    if match is None:
        return None
    name = _NAME.match(line[match.end():])
    return "".join(match.group("code").split()), name.group("name") if name else ""


def _fragments(lines: list[str], start: int, step: int) -> tuple[str, ...]:
    """Wrapped name lines from `start` walking by `step`; blank lines skipped, anything else stops."""
    found: list[str] = []
    index = start
    while 0 <= index < len(lines) and len(found) < _WRAP:
        line = lines[index]
        fragment = _FRAGMENT.match(line)
        if fragment:
            found.append(fragment.group("text"))
        elif line.strip():
            break
        index += step
    return tuple(reversed(found)) if step < 0 else tuple(found)


def _layout_code(lines: list[str], index: int) -> PrintedCode | None:
    parsed = code_on_line(lines[index])
    if parsed is None:
        return None
    code, name = parsed
    return PrintedCode(code, index + 1, name, _fragments(lines, index - 1, -1), _fragments(lines, index + 1, 1))


def _cell_code(lines: list[str], index: int) -> PrintedCode | None:
    """A code cell counts only as the first cell of a row: mid-row it is a count (203 个) or an amount."""
    match = _CELL_CODE.match(lines[index])
    if match is None or (index > 0 and lines[index - 1].strip()):
        return None
    name = _CELL_NAME.match(lines[index + 1]) if index + 1 < len(lines) else None
    return PrintedCode(match.group("code"), index + 1, name.group("text") if name else "")


def printed_codes(text: str) -> list[PrintedCode]:
    """Every code line of the text, in order."""
    # Not str.splitlines(): pdftotext ends each page with a form feed, which it would count as a line.
    lines = [line.lstrip("\f").rstrip("\r") for line in text.split("\n")]
    found = (_layout_code(lines, index) or _cell_code(lines, index) for index in range(len(lines)))
    return [printed for printed in found if printed is not None]


@dataclass(frozen=True)
class SeedNames:
    """What the seed accepts as the name of a code: the row's name, and names earlier editions gave the code."""

    name: str
    former: tuple[str, ...] = ()


def load_seed(path: Path = SEED_PATH, former_path: Path | None = None) -> dict[str, SeedNames]:
    """Seed code -> its names (the former names come from the seed beside it, function_classification_former_names)."""
    former_path = former_path or path.with_name(FORMER_NAMES_FILE)
    former: dict[str, list[str]] = {}
    if former_path.exists():
        with open(former_path, encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                former.setdefault(row["function_code"], []).append(row["name"])
    with open(path, encoding="utf-8", newline="") as handle:
        return {
            row["function_code"]: SeedNames(row["name"], tuple(former.get(row["function_code"], ())))
            for row in csv.DictReader(handle)
        }


def missing_codes(found: list[PrintedCode], seed: dict[str, SeedNames]) -> list[PrintedCode]:
    return [printed for printed in found if printed.code not in seed]


def name_status(printed: PrintedCode, seed: dict[str, SeedNames]) -> str | None:
    """'name' (the seed's name), 'former' (an earlier edition's), 'other' (neither), None (missing or no name printed)."""
    readings = printed.name_candidates()
    if printed.code not in seed or not readings:
        return None
    names = seed[printed.code]
    if names.name in readings:
        return "name"
    return "former" if readings & set(names.former) else "other"


def name_differences(found: list[PrintedCode], seed: dict[str, SeedNames]) -> list[PrintedCode]:
    """Printed codes whose printed name (any reading of its wrapped fragments) is none of the seed's names."""
    return [printed for printed in found if name_status(printed, seed) == "other"]


def _describe(group: list[PrintedCode], seed: dict[str, SeedNames]) -> str:
    """One line for every printing of a code: level, lines, the names read there, and the seed's when it differs."""
    first = group[0]
    names = sorted({p.printed_name or "/".join((*p.above, "—", *p.below)) for p in group})
    lines = ",".join(str(p.line_no) for p in group)
    statuses = {name_status(p, seed) for p in group}
    seed_note = f"  [seed: {seed[first.code].name}]" if statuses & {"former", "other"} else ""
    return f"{first.code:<8} {first.level:<6} {' | '.join(names)}  (lines {lines}){seed_note}"


def by_code(found: list[PrintedCode]) -> dict[str, list[PrintedCode]]:
    groups: dict[str, list[PrintedCode]] = {}
    for printed in found:
        groups.setdefault(printed.code, []).append(printed)
    return groups


def _status(group: list[PrintedCode], seed: dict[str, SeedNames]) -> str:
    statuses = {name_status(printed, seed) for printed in group}
    if group[0].code not in seed:
        return "MISSING"
    return "NAME" if "other" in statuses else "FORMER" if "former" in statuses else "ok"


def report(path: Path, seed: dict[str, SeedNames], list_all: bool) -> set[str]:
    """Print the findings of one file (one line per code); return the printed codes missing from the seed."""
    groups = by_code(printed_codes(path.read_text(encoding="utf-8")))
    statuses = {code: _status(group, seed) for code, group in groups.items()}
    counts = {status: sum(1 for s in statuses.values() if s == status) for status in ("MISSING", "NAME", "FORMER")}
    print(f"{path}: {sum(map(len, groups.values()))} code lines, {len(groups)} distinct codes, "
          f"{counts['MISSING']} missing from the seed, {counts['NAME']} printed with another name, "
          f"{counts['FORMER']} with an earlier edition's name")
    for code, group in groups.items():
        if list_all or statuses[code] != "ok":
            print(f"  {statuses[code]:<7} {_describe(group, seed)}")
    return {code for code, status in statuses.items() if status == "MISSING"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--all", action="store_true", help="list every printed code, not only the missing ones")
    parser.add_argument("--seed", type=Path, default=SEED_PATH)
    args = parser.parse_args(argv)
    seed = load_seed(args.seed)
    missing = set().union(*(report(path, seed, args.all) for path in args.files))
    if len(args.files) > 1:
        print(f"{len(missing)} distinct printed codes missing from the seed: {' '.join(sorted(missing)) or '-'}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
