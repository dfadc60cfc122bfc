"""python -m benchmarks {generate,verify,run}: see benchmarks/README.md."""

import argparse
import json
import sys
from dataclasses import asdict

from benchmarks.common import PRESETS, database_url


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    sub = parser.add_subparsers(dest="command", required=True)

    gen = sub.add_parser("generate", help="fill a fresh benchmark database")
    ver = sub.add_parser("verify", help="check the engine's invariants on a sample of cases")
    run = sub.add_parser("run", help="generate (unless --reuse), verify, run the scenarios")
    table = sub.add_parser("table", help="a Markdown table of the budget keys of result files")
    table.add_argument("files", nargs="+")
    if argv is None:
        argv = sys.argv[1:]
    if argv[:1] == ["table"]:
        from benchmarks.runner import markdown_table

        print(markdown_table(parser.parse_args(argv).files))
        return 0
    for p in (gen, ver, run):
        p.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
        p.add_argument("--scale", choices=sorted(PRESETS), default="S")
        p.add_argument("--url", help="database URL (default: the benchmark database)")
    gen.add_argument("--seed", type=int, default=2026)
    ver.add_argument("--sample", type=int, default=300)
    run.add_argument("--seed", type=int, default=2026)
    run.add_argument("--reuse", action="store_true", help="keep data of the same scale")
    run.add_argument("--quick", action="store_true", help="shorter bounds (make bench)")
    run.add_argument(
        "--only",
        help="comma-separated scenario names: worklist, reports, registers, api, scan, http, "
        "transitions",
    )
    run.add_argument("--out", help="also write the JSON result here")
    args = parser.parse_args(argv)
    url = args.url or database_url(args.db, args.scale)

    if args.command == "generate":
        from benchmarks.generate import generate

        result = generate(url, PRESETS[args.scale], seed=args.seed)
        print(json.dumps(asdict(result), indent=2))
        return 0
    if args.command == "verify":
        from benchmarks.verify import verify_database

        report = verify_database(url, sample=args.sample)
        print(report.summary())
        return 0 if report.ok else 1
    from benchmarks.runner import SCENARIOS, run_all

    unknown = set(args.only.split(",")) - set(SCENARIOS) if args.only else set()
    if unknown:
        parser.error(f"--only: unknown scenario(s) {', '.join(sorted(unknown))}")
    return run_all(
        url,
        PRESETS[args.scale],
        seed=args.seed,
        reuse=args.reuse,
        quick=args.quick,
        only=args.only.split(",") if args.only else None,
        out=args.out,
    )


if __name__ == "__main__":
    sys.exit(main())
