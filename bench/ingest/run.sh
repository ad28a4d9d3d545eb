#!/usr/bin/env bash
# Ingest benchmark (release build). Loads the bundled 114,000-row dump into a fresh warehouse, then a newer dump
# of the same tracks into that warehouse (the nightly case: a third of the popularities changed, 1% new tracks,
# written by make_newer.py with a fixed seed), then the newer dump again (a no-op). In the same run it times the
# anchors on the same file: a flat `.import` into one table with the sqlite3 shell, and `sqlite-utils insert
# --csv`; and what SQLite alone needs to fill the normalized tables from that flat table (a lower bound for any
# normalized load). The loads alternate with the flat import for several rounds (the machine is shared) and the
# table shows each one's median. Optionally loads a 10x dump (1.14 M rows, new ids) to show how the load time
# grows. Prints one table; peak memory comes from /usr/bin/time.
#
#   bench/ingest/run.sh [DUMP.csv]
#
# JUKEBOX_BIN=path/to/jukebox uses that (release) binary instead of building one, e.g. a build in its
# own scratch folder: swift build -c release --product jukebox --scratch-path .build-ingest
# JUKEBOX_BENCH_ROUNDS=N alternates the loads and the flat import N times (default 3); medians are shown.
# JUKEBOX_BENCH_10X=1 also loads the 10x dump; JUKEBOX_BENCH_SKIP_UTILS=1 skips sqlite-utils (35 s).
set -euo pipefail
cd "$(dirname "$0")/../.."
dump="${1:-data/spotify_tracks.csv}"
out=bench/out/ingest
rm -rf "$out" && mkdir -p "$out"

command -v sqlite3 >/dev/null || { apt-get update -qq && apt-get install -y -qq sqlite3; }
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time; }
if [ -z "${JUKEBOX_BENCH_SKIP_UTILS:-}" ] && [ ! -x bench/.venv-ingest/bin/sqlite-utils ]; then
    python3 -m venv bench/.venv-ingest
    bench/.venv-ingest/bin/pip install -q sqlite-utils
fi
source bench/release-binary.sh

# Runs a command under /usr/bin/time; prints "seconds peak_MiB".
measure() {
    /usr/bin/time -f "%e %M" -o "$out/time.txt" "$@" >/dev/null 2>"$out/stderr.txt" || { cat "$out/stderr.txt"; exit 1; }
    awk '{ printf "%.2f %.0f\n", $1, $2 / 1024 }' "$out/time.txt"
}

rounds="${JUKEBOX_BENCH_ROUNDS:-3}"
with10="${JUKEBOX_BENCH_10X:-}"
[ -z "$with10" ] || python3 bench/ingest/make_10x.py "$dump" "$out/dump_10x.csv" 10
python3 bench/ingest/make_newer.py "$dump" "$out/dump_newer.csv"
rows=$(($(wc -l < "$dump") - 1))
newer_rows=$(($(wc -l < "$out/dump_newer.csv") - 1))

# Median of the numbers given as arguments.
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

firsts=() newers=() agains=() flats=() round_ratios=()
for round in $(seq "$rounds"); do
    rm -f "$out"/jukebox.sqlite* "$out"/flat.sqlite*
    read -r t first_mem < <(measure "$jukebox" ingest --db "$out/jukebox.sqlite" "$dump"); firsts+=("$t")
    read -r t newer_mem < <(measure "$jukebox" ingest --db "$out/jukebox.sqlite" "$out/dump_newer.csv"); newers+=("$t")
    read -r t again_mem < <(measure "$jukebox" ingest --db "$out/jukebox.sqlite" "$out/dump_newer.csv"); agains+=("$t")
    read -r t flat_mem < <(measure sqlite3 "$out/flat.sqlite" ".mode csv" ".import $dump tracks"); flats+=("$t")
    round_ratios+=("$(awk -v a="${firsts[-1]}" -v b="$t" -v n="${newers[-1]}" 'BEGIN { printf "%.2f/%.2f", a / b, n / a }')")
done
ours=$(median "${firsts[@]}") newer=$(median "${newers[@]}") again=$(median "${agains[@]}") flat=$(median "${flats[@]}")
# The second load of the newer dump must have changed nothing: same row counts as after the first.
counts() { sqlite3 "$out/jukebox.sqlite" "SELECT (SELECT count(*) FROM tracks), (SELECT count(*) FROM popularity_observations), (SELECT count(*) FROM ingests WHERE status = 'succeeded')"; }
after_newer=$(counts)
"$jukebox" ingest --db "$out/jukebox.sqlite" "$out/dump_newer.csv" >/dev/null
[ "$(counts)" = "$after_newer" ] || { echo "the newer dump loaded again changed the warehouse: $after_newer -> $(counts)"; exit 1; }
[ -n "${JUKEBOX_BENCH_SKIP_UTILS:-}" ] || read -r utils utils_mem < <(measure bench/.venv-ingest/bin/sqlite-utils insert "$out/utils.sqlite" tracks "$dump" --csv)

# The lower bound: SQLite alone writes the parsed, deduplicated rows (normalize_prepare.sql, untimed) into a
# migrated warehouse (normalize_in_sqlite.sql), dropping and building the indexes the schema defines.
"$jukebox" migrate --db "$out/floor.sqlite" >/dev/null
tables="'artists', 'albums', 'tracks', 'track_artists', 'track_genres', 'audio_features', 'popularity_observations'"
indexes="FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ($tables) ORDER BY name"
sqlite3 "$out/floor.sqlite" "SELECT 'DROP INDEX ' || name || ';' $indexes" > "$out/drop.sql"
sqlite3 "$out/floor.sqlite" "SELECT sql || ';' $indexes" > "$out/create.sql"
awk -v drop="$out/drop.sql" -v create="$out/create.sql" '
    /^-- @drop-indexes/ { while ((getline line < drop) > 0) print line; next }
    /^-- @create-indexes/ { while ((getline line < create) > 0) print line; next }
    { print }' bench/ingest/normalize_in_sqlite.sql > "$out/floor.sql"
cp "$out/flat.sqlite" "$out/prep.sqlite"
sqlite3 "$out/prep.sqlite" ".read bench/ingest/normalize_prepare.sql"
read -r floor floor_mem < <(measure sqlite3 -cmd "ATTACH '$out/prep.sqlite' AS prep" "$out/floor.sqlite" ".read $out/floor.sql")
[ -z "$with10" ] || read -r ours10 ours10_mem < <(measure "$jukebox" ingest --db "$out/jukebox_10x.sqlite" "$out/dump_10x.csv")

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo "Ingest of $dump ($rows rows), release build $jukebox, $(nproc) cores, $(date -u '+%Y-%m-%d %H:%M') UTC, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Medians of $rounds alternating rounds; per round, first load / flat import and newer dump / first load: ${round_ratios[*]}"
echo
echo "| workload | seconds | peak MiB | ratio |"
echo "|---|---:|---:|---:|"
echo "| jukebox ingest, first load (normalized, validated) | $ours | $first_mem | $(ratio "$ours" "$flat")x the flat import |"
echo "| jukebox ingest, newer dump of the same tracks ($newer_rows rows: a third of the popularities changed, 1% new tracks) | $newer | $newer_mem | $(ratio "$newer" "$ours")x the first load |"
echo "| jukebox ingest, the newer dump again (no-op) | $again | $again_mem | $(ratio "$again" "$ours")x the first load |"
echo "| sqlite3 .import (flat, one table, no checks) | $flat | $flat_mem | 1.00 |"
[ -n "${JUKEBOX_BENCH_SKIP_UTILS:-}" ] || echo "| sqlite-utils insert --csv (flat) | $utils | $utils_mem | first load is $(ratio "$utils" "$ours")x faster |"
echo "| sqlite3 alone: parsed rows into the normalized tables (lower bound, no CSV) | $floor | $floor_mem | $(ratio "$floor" "$flat")x the flat import |"
[ -z "$with10" ] || echo "| jukebox ingest, 10x dump ($((rows * 10)) rows) | $ours10 | $ours10_mem | x$(ratio "$ours10" "$ours") the first load's time for 10x rows |"
