"""python -m pipelines.reports WAREHOUSE OUT_DIR — write the findings report of a built warehouse."""
import argparse
import sys
from pathlib import Path

from .report import write_findings_report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipelines.reports",
                                     description="Write the findings report (index.html and one page per loaded "
                                                 "document) of a built DuckDB warehouse, opened read-only.")
    parser.add_argument("warehouse", type=Path, help="the DuckDB file, e.g. warehouse/juesuan.duckdb")
    parser.add_argument("out_dir", type=Path, help="where to write index.html and documents/, e.g. reports")
    args = parser.parse_args(argv)
    try:
        index = write_findings_report(args.warehouse, args.out_dir)
    except FileNotFoundError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(index)
    return 0


if __name__ == "__main__":
    sys.exit(main())
