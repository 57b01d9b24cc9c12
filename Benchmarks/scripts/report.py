#!/usr/bin/env python3
"""Turns one `make bench` run into the comparison table and results/latest.json.

Inputs: package-benchmark's histogramPercentiles export (each workload's name ends in `xN`, the operations per
iteration), the pgbench and COPY ceilings measured in the same run, the streaming workload's memory figures and
the Zipf cache workload's hit ratios (one per iteration; the median is reported against the hit ratio of an ideal
cache that always holds the 1,000 most popular keys), and PairedBench's rounds: find(id:) and pgbench, createMany and
COPY, measured back to back in alternating order, whose rows report the median of our rates, the median of the
ceiling's and the median of the rounds' ratios (the figures judged: each rate is paired with the ceiling's of the
same few seconds). The previous record (--previous, or the --out file before this run overwrites it) gives each
row's ratio then, so a regression shows next to the figure.
"""
import argparse
import datetime
import glob
import json
import os
import platform
import re

# Workload name prefix -> (label, unit of our figure, ceiling key or None, target ratio or absolute target).
WORKLOADS = [
    ("paired single", "find(id:) uncached, 1 connection, rounds paired with pgbench 1", "ops/s", "paired", 0.9),
    ("find(id:) uncached", "find(id:) uncached, 1 connection, in package-benchmark", "ops/s", "pgbench_1", None),
    ("find(id:) L1 cache", "find(id:) from L1 cache (users, every lookup a hit)", "ns/op", "l1_budget", "< 1000 ns"),
    ("users find(id:) uncached", "users.find(id:) uncached, 1 connection", "ns/op", None, None),
    ("speed-up", "cached over uncached users.find(id:)", "x", None, None),
    ("find(id:) Zipf", "Zipf s=1 over 10,000 users, L1 of 1,000", "ops/s", None, None),
    ("hit ratio", "hit ratio of that Zipf workload", "ratio", "zipf_ideal", None),
    ("find(id:) pool 4", "find(id:) pool of 4, 16 tasks, in package-benchmark", "ops/s", "pgbench_4", None),
    ("paired pool4_t2", "find(id:) pool of 4, 2 tasks, rounds paired with pgbench 2", "ops/s", "paired", 0.8),
    ("paired pool4_t4", "find(id:) pool of 4, 4 tasks, rounds paired with pgbench 4", "ops/s", "paired", 0.8),
    ("paired pool4_t8", "find(id:) pool of 4, 8 tasks, rounds paired with pgbench 4", "ops/s", "paired", 0.8),
    ("paired pool4_t16", "find(id:) pool of 4, 16 tasks, rounds paired with pgbench 4", "ops/s", "paired", 0.8),
    ("paired pool4_t64", "find(id:) pool of 4, 64 tasks, rounds paired with pgbench 4", "ops/s", "paired", 0.8),
    ("paired replica_routed_t1", "find(id:) routed to a replica, 1 task, rounds paired with the replica direct",
     "ops/s", "paired", None),
    ("paired replica_routed_t16", "find(id:) routed to a replica, 16 tasks on 4, paired with the replica direct",
     "ops/s", "paired", None),
    ("specification page", "specification page of 20, sorted", "ops/s", None, None),
    ("keyset page", "keyset page of 20 at row 90,000 (key order)", "ops/s", None, None),
    ("eager load owners", "eager load owners of 1,000 quotes", "ms/op", None, None),
    ("createMany", "createMany 10,000 quotes, in package-benchmark", "rows/s", "copy", None),
    ("paired create_quotes", "createMany 10,000 quotes (audited), rounds paired with COPY", "rows/s", "paired", 0.55),
    ("paired create_events", "createMany 10,000 events (not audited), rounds paired with COPY", "rows/s", "paired",
     1.0),
    ("transaction", "transaction: 3 writes + audit row", "tx/s", None, None),
    ("paired transaction", "transaction: 3 writes + audit row, rounds paired with a pgbench script of the same",
     "tx/s", "paired", 0.8),
    ("codegen", "codegen, 500 entities", "s", "codegen_budget", "< 2 s"),
    ("validate", "validate 60,000 entities with unresolved names", "s", "validate_budget", "< 3 s"),
    ("stream", "stream 100,000 rows: memory above baseline", "MB", "memory_budget", "< 50 MB"),
]


UNITS = {"ns": 1e-9, "μs": 1e-6, "us": 1e-6, "ms": 1e-3, "s": 1.0}


def normalise(name):
    return re.sub(r"[^A-Za-z0-9]+", "_", name).strip("_").lower()


def read_percentiles(raw):
    """Median wall-clock seconds per iteration and operations per iteration, by normalised benchmark name.

    Reads package-benchmark's `histogramPercentiles` export: one TSV per benchmark and metric, whose header names
    the unit, e.g. `Percentile<TAB>Time (wall clock) (ms)`, then one line per percentile 0...100.
    """
    figures = {}
    for path in glob.glob(os.path.join(raw, "*Time*wall*clock*.tsv")) + glob.glob(os.path.join(raw, "*wallClock*.tsv")):
        with open(path) as handle:
            lines = handle.read().splitlines()
        unit = re.search(r"\((ns|μs|us|ms|s)\)", lines[0])
        median = float(dict(line.split("\t") for line in lines[1:])["50"])
        name = os.path.basename(path)
        match = re.search(r"_x(\d+)", name)
        key = normalise(name.split(".", 2)[2] if name.count(".") > 2 else name)
        figures[key] = (median * UNITS[unit.group(1) if unit else "ns"], int(match.group(1)) if match else 1)
    return figures


def our_figure(unit, seconds, operations):
    if unit in ("ops/s", "rows/s", "tx/s"):
        return operations / seconds
    if unit == "ms/op":
        return seconds * 1000 / operations
    if unit == "ns/op":
        return seconds * 1e9 / operations
    return seconds / operations


def machine():
    model = "unknown"
    with open("/proc/cpuinfo") as handle:
        for line in handle:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {"nproc": os.cpu_count(), "cpu": model, "kernel": platform.release()}


def build_rows(figures, ceilings, memory, hit_ratios, paired):
    rows = []
    for prefix, label, unit, ceiling_key, target in WORKLOADS:
        match = next((v for k, v in figures.items() if k.startswith(normalise(prefix))), None)
        row = {"workload": label, "unit": unit, "ours": None, "ceiling": None, "ratio": None, "target": target}
        if prefix == "stream":
            row["ours"] = max(memory) / 2**20 if memory else None
        elif prefix == "hit ratio":
            row["ours"] = sorted(hit_ratios)[len(hit_ratios) // 2] if hit_ratios else None
        elif prefix.startswith("paired"):
            row["pair"] = prefix.split(" ", 1)[1]
            add_paired(row, paired.get(row["pair"]))
            rows.append(row)
            continue
        elif prefix == "speed-up":
            row["ours"] = speed_up(rows)
        elif match:
            row["ours"] = our_figure(unit, *match)
        if ceiling_key and row["ours"] is not None:
            row["ceiling"] = ceilings[ceiling_key]
            # Against a ceiling, the share of it reached; against a budget, the share used (below 1 meets it).
            row["ratio"] = row["ours"] / row["ceiling"]
        if row["ours"] is None:
            row["note"] = "not measured"
        rows.append(row)
    return rows


def median(values):
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def add_paired(row, rounds):
    """Our median rate, the ceiling's median rate and the median of the rounds' ratios, from PairedBench."""
    if not rounds:
        row["note"] = "not measured"
        return
    row["ours"] = median(rounds["ours"])
    row["ceiling"] = median(rounds["ceiling"])
    row["ratio"] = median([ours / ceiling for ours, ceiling in zip(rounds["ours"], rounds["ceiling"])])
    row["rounds"] = {"ours": rounds["ours"], "ceiling": rounds["ceiling"]}
    row["cpu"] = {key: median_or_none(rounds.get(field, [])) for key, field in CPU_FIELDS}


# Per-operation CPU medians (microseconds) kept for each paired row, from PairedBench's per-round figures.
CPU_FIELDS = (("ours_client", "oursClientCPU"), ("ceiling_client", "ceilingClientCPU"),
              ("ours_machine", "oursMachineCPU"), ("ceiling_machine", "ceilingMachineCPU"))


def median_or_none(values):
    present = [value for value in values if value is not None]
    return median(present) if present else None


def speed_up(rows):
    """Uncached over cached ns/op of users.find(id:), from the two rows above it."""
    cached = next((r["ours"] for r in rows if r["workload"].startswith("find(id:) from L1")), None)
    uncached = next((r["ours"] for r in rows if r["workload"].startswith("users.find(id:) uncached")), None)
    return uncached / cached if cached and uncached else None


def zipf_ideal(count, capacity, exponent):
    """The hit ratio of a cache that always holds the `capacity` most popular of `count` Zipf-distributed keys."""
    weights = [1 / rank**exponent for rank in range(1, count + 1)]
    return sum(weights[:capacity]) / sum(weights)


def met(row):
    target = row["target"]
    if row["ratio"] is None or target is None:
        return ""
    return "yes" if (row["ratio"] >= target if isinstance(target, float) else row["ratio"] < 1) else "NO"


def fmt(value):
    if value is None:
        return "-"
    return f"{value:,.0f}" if value >= 100 else f"{value:,.3g}"


def previous_ratios(path):
    """Each row's ratio in the record at `path` (the previous run), by workload label; empty when there is none."""
    if not os.path.exists(path):
        return {}
    with open(path) as handle:
        return {row["workload"]: row.get("ratio") for row in json.load(handle).get("rows", [])}


def print_aligned(lines):
    """Prints rows of cells in aligned columns, the first row as the header."""
    widths = [max(len(str(line[i])) for line in lines) for i in range(len(lines[0]))]
    for index, line in enumerate(lines):
        print(" | ".join(str(cell).ljust(width) for cell, width in zip(line, widths)))
        if index == 0:
            print("-+-".join("-" * width for width in widths))


def print_table(rows, previous):
    header = ("workload", "ours", "unit", "ceiling", "ratio", "before", "target", "met")
    lines = [header]
    for row in rows:
        target = row["target"]
        target_text = f">= {target}" if isinstance(target, float) else (target or "")
        ratio = "-" if row["ratio"] is None else f"{row['ratio']:.2f}"
        before = previous.get(row["workload"])
        before_text = "-" if before is None else f"{before:.2f}"
        ours = fmt(row["ours"]) if row["ours"] is not None else row.get("note", "-")
        lines.append((row["workload"], ours, row["unit"], fmt(row["ceiling"]), ratio, before_text, target_text,
                      met(row)))
    print_aligned(lines)


def print_cpu_table(rows):
    """Client and whole-machine CPU per operation of the paired rows, and the ratio the machine's CPU alone allows.

    Client and server share the cores, so when both sides keep the cores busy the ratio cannot exceed the ceiling's
    machine CPU per operation over ours ("CPU ratio"); one task's client and server run in turn, so there too
    CPU time is most of the round trip."""
    header = ("pair", "ours client", "ceiling client", "ours machine", "ceiling machine", "CPU ratio")
    lines = [header]
    for row in rows:
        cpu = row.get("cpu")
        if not cpu or cpu["ours_client"] is None:
            continue
        bound = None
        if cpu["ours_machine"] and cpu["ceiling_machine"]:
            bound = cpu["ceiling_machine"] / cpu["ours_machine"]
        lines.append((row["pair"], fmt(cpu["ours_client"]), fmt(cpu["ceiling_client"]),
                      fmt(cpu["ours_machine"]), fmt(cpu["ceiling_machine"]), "-" if bound is None else f"{bound:.2f}"))
    if len(lines) == 1:
        return
    print("\nCPU per operation, microseconds (medians of the rounds; createMany and COPY per row):")
    print_aligned(lines)


def main():
    parser = argparse.ArgumentParser()
    for name in ("--raw", "--memory", "--out"):
        parser.add_argument(name, required=True)
    parser.add_argument("--hit-ratio", default="")
    parser.add_argument("--paired", default="")
    parser.add_argument("--previous", default="", help="the record to compare with (default: --out)")
    for name in ("--pgbench1", "--pgbench4", "--copy-ms"):
        parser.add_argument(name, type=float, required=True)
    args = parser.parse_args()
    memory = []
    if os.path.exists(args.memory):
        memory = [int(line) for line in open(args.memory) if line.strip()]
    hit_ratios = []
    if args.hit_ratio and os.path.exists(args.hit_ratio):
        hit_ratios = [float(line) for line in open(args.hit_ratio) if line.strip()]
    ceilings = {"pgbench_1": args.pgbench1, "pgbench_4": args.pgbench4, "copy": 10_000 / (args.copy_ms / 1000),
                "codegen_budget": 2.0, "validate_budget": 3.0, "memory_budget": 50.0, "l1_budget": 1000.0,
                "zipf_ideal": zipf_ideal(10_000, 1000, 1.0)}
    paired = {}
    if args.paired and os.path.exists(args.paired):
        paired = {entry["workload"]: entry for entry in json.load(open(args.paired))}
    rows = build_rows(read_percentiles(args.raw), ceilings, memory, hit_ratios, paired)
    print_table(rows, previous_ratios(args.previous or args.out))
    print_cpu_table(rows)
    record = {"date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
              "machine": machine(), "ceilings": ceilings, "rows": rows}
    with open(args.out, "w") as handle:
        json.dump(record, handle, indent=2, ensure_ascii=False)
        handle.write("\n")
    print(f"\nwritten to {args.out}")


if __name__ == "__main__":
    main()
