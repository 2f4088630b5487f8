#!/usr/bin/env python3
"""Times and result tables of a finished `deep_stage.sh run OUT` (issue 12, item 4).

Prints, from OUT/times.tsv, wall and CPU (user + sys) time per sweep and side, the totals and the
ratios baseline / other (above 1: the other side is faster); then, per sweep and table
(deep_training, deep_reliance, deep_robust), how many of the baseline's rows the other side has
with identical values (rows matched by their key columns; the timing columns `seconds` and
`images_per_second` aside; columns only one side has aside), and for any value that differs, the
difference beside the seed-to-seed spread of the same row: |sweep 1 - sweep 2| (bg<fg) or
|sweep 3 - sweep 4| (bg>fg) on the other side, i.e. the same benchmark, plan and row under the
two seeds of the plan. Finally whether the checkpoints (models/**/*.params) are byte-identical.

Usage: deep_stage_compare.py OUT
"""

import csv
import hashlib
import sys
from pathlib import Path

TABLES = ("deep_training", "deep_reliance", "deep_robust")
KEYS = ("benchmark", "classes", "fg_contrast", "bg_contrast", "train_norm", "train_eps",
        "metric", "set", "noise_sigma", "norm", "eps", "attacks")
TIMING = ("seconds", "images_per_second")
PAIR = {"1": "2", "2": "1", "3": "4", "4": "3"}


def read(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    return rows


def keyed(rows, keys):
    out = {}
    for r in rows:
        k = tuple(r[c] for c in keys)
        if k in out:
            raise SystemExit(f"duplicate key {k}")
        out[k] = r
    return out


def num(s):
    try:
        return float(s)
    except (TypeError, ValueError):
        return None


def times(out):
    with open(out / "times.tsv") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    by = {(r["side"], r["sweep"]): r for r in rows}
    sweeps = sorted({r["sweep"] for r in rows}, key=int)
    print("| sweep | side | start-end (UTC) | load start/end | wall s | user + sys CPU s | peak RSS MB |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    tot = {"base": [0.0, 0.0], "other": [0.0, 0.0]}
    complete = []
    for n in sweeps:
        for side in ("base", "other"):
            r = by.get((side, n))
            if r is None:
                continue
            cpu = float(r["user_s"]) + float(r["sys_s"])
            print(f"| {n} | {side} | {r['start']}-{r['end']} | {r['load_start']}/{r['load_end']} | "
                  f"{float(r['wall_s']):.1f} | {float(r['user_s']):.1f} + {float(r['sys_s']):.1f} = {cpu:.1f} | "
                  f"{int(r['maxrss_kb']) / 1024:.0f} |")
        if ("base", n) in by and ("other", n) in by:
            complete.append(n)
    print()
    print("| sweep | wall base / other | CPU base / other |")
    print("| --- | --- | --- |")
    for n in complete:
        b, o = by[("base", n)], by[("other", n)]
        bw, ow = float(b["wall_s"]), float(o["wall_s"])
        bc = float(b["user_s"]) + float(b["sys_s"])
        oc = float(o["user_s"]) + float(o["sys_s"])
        tot["base"][0] += bw; tot["base"][1] += bc
        tot["other"][0] += ow; tot["other"][1] += oc
        print(f"| {n} | {bw / ow:.2f}x | {bc / oc:.2f}x |")
    if complete:
        b, o = tot["base"], tot["other"]
        print(f"| total ({len(complete)} sweeps) | {b[0]:.1f} / {o[0]:.1f} s = **{b[0] / o[0]:.2f}x** | "
              f"{b[1]:.1f} / {o[1]:.1f} s = **{b[1] / o[1]:.2f}x** |")
    print()
    return complete


def tables(out, complete):
    spread_all = {}
    for n in complete:
        for t in TABLES:
            b = read(out / "base" / f"sweep{n}" / "tables" / f"{t}.csv")
            o = read(out / "other" / f"sweep{n}" / "tables" / f"{t}.csv")
            common = [c for c in b[0].keys() if c in o[0].keys()]
            keys = [c for c in common if c in KEYS]
            vals = [c for c in common if c not in KEYS and c not in TIMING]
            bk, ok = keyed(b, keys), keyed(o, keys)
            partner = out / "other" / f"sweep{PAIR[n]}" / "tables" / f"{t}.csv"
            pk = keyed(read(partner), keys) if partner.exists() else {}
            same = 0
            missing = 0
            diffs = []
            for k, row in bk.items():
                other = ok.get(k)
                if other is None:
                    missing += 1
                    continue
                if all(row[c] == other[c] for c in vals):
                    same += 1
                    continue
                for c in vals:
                    if row[c] != other[c]:
                        x, y = num(row[c]), num(other[c])
                        p = pk.get(k)
                        z = num(p[c]) if p is not None else None
                        spread = abs(y - z) if (y is not None and z is not None) else None
                        diffs.append((k, c, row[c], other[c],
                                      abs(x - y) if (x is not None and y is not None) else None, spread))
            only_other = len(ok) - (len(bk) - missing)
            print(f"sweep {n} {t}: {same} of {len(bk)} baseline rows identical in {', '.join(vals)}"
                  f"{'; ' + str(missing) + ' missing on the other side' if missing else ''}"
                  f"; the other side has {only_other} rows more")
            for k, c, x, y, d, s in diffs:
                print(f"    differs: {dict(zip(keys, k))} {c}: base {x}, other {y}, |diff| {d}, "
                      f"seed-to-seed |sweep {n} - sweep {PAIR[n]}| {s}")
            # seed-to-seed spread of this table on the other side (for the statement of the error)
            for k, row in ok.items():
                p = pk.get(k)
                if p is None:
                    continue
                for c in vals:
                    y, z = num(row[c]), num(p[c])
                    if y is not None and z is not None and c != "n":
                        spread_all.setdefault((t, c), []).append(abs(y - z))
    if spread_all:
        print()
        print("seed-to-seed spread on the other side (|sweep 1 - 2| and |sweep 3 - 4| per row):")
        for (t, c), v in sorted(spread_all.items()):
            v = sorted(v)
            if v[-1] == 0:
                continue  # a setting (epochs, images, steps), the same under both seeds
            print(f"  {t}.{c}: median {v[len(v) // 2]:.4g}, max {v[-1]:.4g} over {len(v)} row pairs")


def models(out, complete):
    for n in complete:
        b = out / "base" / f"sweep{n}" / "tables"
        o = out / "other" / f"sweep{n}" / "tables"
        files = sorted(p.relative_to(b) for p in b.rglob("*.params"))
        same = sum(1 for p in files if (o / p).exists()
                   and hashlib.sha256((b / p).read_bytes()).digest() == hashlib.sha256((o / p).read_bytes()).digest())
        print(f"sweep {n} checkpoints: {same} of {len(files)} *.params byte-identical")


def main():
    if len(sys.argv) != 2:
        raise SystemExit("usage: deep_stage_compare.py OUT")
    out = Path(sys.argv[1])
    print((out / "header.txt").read_text().strip())
    print()
    complete = times(out)
    tables(out, complete)
    models(out, complete)


if __name__ == "__main__":
    main()
