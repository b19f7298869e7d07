"""The command line: `python -m bench.generate --database-url URL [--schools N | --national] [--reset]`."""

import argparse
import json
import sys
from pathlib import Path

from . import DatabaseNotEmpty, generate
from . import __doc__ as ABOUT

DEFAULT_MANIFEST = Path(__file__).parent.parent / "out" / "manifest.json"
NATIONAL = {"schools": 3000, "organisations": 350}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=ABOUT.split("\n\n")[0])
    parser.add_argument("--database-url", required=True, help="sqlite:////path/file.db or postgresql://...")
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--schools", type=int, default=400, help="number of schools (default 400)")
    size.add_argument("--national", action="store_true", help="about 3,000 schools in 350 organisations")
    parser.add_argument("--organisations", type=int, help="default 1 (350 with --national)")
    parser.add_argument("--staff-per-school", type=int, default=10)
    parser.add_argument("--cases-per-school", type=int, default=100)
    parser.add_argument("--answers-per-case", type=int, default=8)
    parser.add_argument("--events-per-case", type=int, default=8)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--manifest", type=Path, default=DEFAULT_MANIFEST, help=f"default {DEFAULT_MANIFEST}")
    parser.add_argument("--reset", action="store_true", help="drop everything in the database first")
    args = parser.parse_args(argv)
    schools = NATIONAL["schools"] if args.national else args.schools
    organisations = args.organisations or (NATIONAL["organisations"] if args.national else 1)
    try:
        manifest = generate(
            args.database_url,
            schools=schools,
            organisations=organisations,
            staff_per_school=args.staff_per_school,
            cases_per_school=args.cases_per_school,
            answers_per_case=args.answers_per_case,
            events_per_case=args.events_per_case,
            seed=args.seed,
            reset=args.reset,
        )
    except (DatabaseNotEmpty, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    args.manifest.parent.mkdir(parents=True, exist_ok=True)
    args.manifest.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    _report(manifest, args.manifest)
    return 0


def _report(manifest: dict, path: Path) -> None:
    for table, count in sorted(manifest["counts"].items(), key=lambda item: -item[1]):
        print(f"  {table:22} {count:>12,}")
    print(f"  {'total':22} {sum(manifest['counts'].values()):>12,}")
    print(
        f"{manifest['schools']:,} schools in {manifest['organisations']:,} organisation(s) in {manifest['seconds']} s"
    )
    print(f"Every account has the password {manifest['password']!r}; sample: {json.dumps(manifest['sample'])}")
    print(f"Manifest written to {path}")


if __name__ == "__main__":
    sys.exit(main())
