#!/usr/bin/env bash
# Runs an MGDL preset (default xu2023-ex1) with its SGDL baseline over several seeds and prints, per grade, the
# median, quartiles, min and max of the train and test RSE next to the published figures, and the wall time per seed.
# Usage: scripts/train-preset.sh [PRESET] [SEEDS] [more train options]   e.g. scripts/train-preset.sh xu2023-ex1 0-9
# The JSON of the run (per-seed rows and the summary) is kept in ${OUT:-target/train-preset}/PRESET-SEEDS.json.
# Seeds run in parallel up to the number of cores (--threads N to change); results are those of one-by-one runs.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
preset="${1:-xu2023-ex1}"
seeds="${2:-0-2}"
shift $(( $# < 2 ? $# : 2 ))
out="${OUT:-$here/target/train-preset}"
mkdir -p "$out"
f="$out/$preset-$seeds.json"
"$here/layerwise" train --preset "$preset" --seeds "$seeds" --sgdl --json "$@" > "$f.tmp"
mv "$f.tmp" "$f"
python3 - "$f" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
s = r["summary"]
pub = r.get("publishedTestRse", [])
print("grade | test RSE median | q1 | q3 | min | max | published")
for g in s["grades"]:
    t = g["testRse"]; k = g["grade"]
    p = f'{pub[k-1]:.3e}' if k <= len(pub) else ""
    print(f'{k} | {t["median"]:.3e} | {t["q1"]:.3e} | {t["q3"]:.3e} | {t["min"]:.3e} | {t["max"]:.3e} | {p}')
if "sgdl" in s:
    b = s["sgdl"]
    if "testRse" in b:
        t = b["testRse"]
        print(f'sgdl | {t["median"]:.3e} | {t["q1"]:.3e} | {t["q3"]:.3e} | {t["min"]:.3e} | {t["max"]:.3e} | (dead on {b["dead"]} seeds)')
    else:
        print(f'sgdl | dead on all {b["dead"]} seeds')
w = s["wallSeconds"]
print(f'wall seconds per seed: median {w["median"]:.1f}, min {w["min"]:.1f}, max {w["max"]:.1f}')
PY
