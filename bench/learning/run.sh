#!/usr/bin/env bash
# Learning-engine benchmark: our Swift implementations vs LightGBM / scikit-learn / shap on the Spotify tracks.
# Usage: bench/learning/run.sh [path/to/spotify_tracks.csv] [workload ...]
#   env BENCH_SIDE=ours|theirs|both (default both); LEARNING_BENCH_BIN=path to a prebuilt LearningBench binary.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CSV="${1:-$ROOT/data/spotify_tracks.csv}"
shift || true
WORKLOADS=("$@")
[ ${#WORKLOADS[@]} -eq 0 ] && WORKLOADS=(genre genre-rf pop kmeans knn shap)
SIDE="${BENCH_SIDE:-both}"
OUT="$ROOT/bench/out"
VENV="$ROOT/bench/.venv"
DATA="$OUT/data"
mkdir -p "$OUT"

if [ ! -x "$VENV/bin/python" ]; then python3 -m venv "$VENV"; fi
"$VENV/bin/python" -c "import lightgbm, sklearn, shap, pandas" 2>/dev/null || \
    "$VENV/bin/pip" install -q lightgbm scikit-learn shap pandas

"$VENV/bin/python" "$ROOT/bench/learning/prep.py" "$CSV" "$DATA"

if [ "$SIDE" != theirs ]; then
    if [ -n "${LEARNING_BENCH_BIN:-}" ]; then
        OURS=("$LEARNING_BENCH_BIN")
    else
        (cd "$ROOT" && swift build -c release --product LearningBench)
        OURS=(swift run --package-path "$ROOT" -c release --skip-build LearningBench)
    fi
fi

for w in "${WORKLOADS[@]}"; do
    if [ "$SIDE" != theirs ]; then
        echo "ours:   $w" >&2
        "${OURS[@]}" "$DATA" "$w" > "$OUT/ours_$w.json" || echo "{}" > "$OUT/ours_$w.json"
    fi
    if [ "$SIDE" != ours ]; then
        echo "theirs: $w" >&2
        "$VENV/bin/python" "$ROOT/bench/learning/anchors.py" "$DATA" "$w" > "$OUT/theirs_$w.json" || echo "{}" > "$OUT/theirs_$w.json"
    fi
done

"$VENV/bin/python" "$ROOT/bench/learning/report.py" "$OUT" | tee "$OUT/table.md"
