#!/usr/bin/env bash
# Runs an MGDL preset (default xu2023-ex1) with its SGDL baseline over several seeds and prints a table of
# test RSE per grade, the baseline's test RSE and the wall time, next to the published figures.
# Usage: scripts/train-preset.sh [PRESET] [SEEDS...]     e.g. scripts/train-preset.sh xu2023-ex1 0 1 2
# Takes about 5 minutes per seed on 2 busy cores. Output of each run is kept in ${OUT:-target/train-preset}/PRESET-seedS.json.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
preset="${1:-xu2023-ex1}"
shift || true
seeds=("$@")
[ ${#seeds[@]} -eq 0 ] && seeds=(0 1 2)
out="${OUT:-$here/target/train-preset}"
mkdir -p "$out"
for s in "${seeds[@]}"; do
  f="$out/$preset-seed$s.json"
  if [ "${REUSE:-0}" = 1 ] && [ -s "$f" ]; then continue; fi   # REUSE=1: keep earlier runs' results
  start=$(date +%s)
  "$here/layerwise" train --preset "$preset" --seed "$s" --sgdl --json > "$f.tmp"
  end=$(date +%s)
  python3 - "$f.tmp" "$((end - start))" > "$f" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); r["wallSeconds"] = int(sys.argv[2]); print(json.dumps(r))
PY
  rm -f "$f.tmp"
done
python3 - "$out" "$preset" "${seeds[@]}" <<'PY'
import json, sys
out, preset, seeds = sys.argv[1], sys.argv[2], sys.argv[3:]
rows = []
for s in seeds:
    r = json.load(open(f"{out}/{preset}-seed{s}.json"))
    rows.append((s, r))
k = len(rows[0][1]["grades"])
head = ["seed"] + [f"grade {i+1} test RSE" for i in range(k)] + ["SGDL test RSE", "MGDL s", "SGDL s", "wall s"]
print(" | ".join(head))
for s, r in rows:
    g = r["grades"]
    cells = [s] + [f'{x["testRse"]:.3e}' for x in g] + [f'{r["sgdl"]["testRse"]:.3e}',
             f'{sum(x["seconds"] for x in g):.0f}', f'{r["sgdl"]["seconds"]:.0f}', str(r["wallSeconds"])]
    print(" | ".join(cells))
pub = rows[0][1].get("publishedTestRse")
if pub:
    print(" | ".join(["published"] + [f"{x:.3e}" for x in pub] + ["", "", "", ""]))
PY
