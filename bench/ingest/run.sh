#!/usr/bin/env bash
# Ingest benchmark (release build). Loads the bundled 114,000-row dump into a fresh warehouse and, in
# the same run, times the anchors on the same file: a flat `.import` into one table with the sqlite3
# shell, and `sqlite-utils insert --csv`; and what SQLite alone needs to fill the normalized tables from that
# flat table (a lower bound for any normalized load). Then loads a 10x dump (1.14 M rows, new ids) to show how the
# load time grows. Prints one table; peak memory comes from /usr/bin/time.
#
#   bench/ingest/run.sh [DUMP.csv]
#
# JUKEBOX_BIN=path/to/jukebox uses that (release) binary instead of building one, e.g. a build in its
# own scratch folder: swift build -c release --product jukebox --scratch-path .build-ingest
# JUKEBOX_BENCH_SKIP_10X=1 skips the 10x dump (quicker runs while tuning).
set -euo pipefail
cd "$(dirname "$0")/../.."
dump="${1:-data/spotify_tracks.csv}"
out=bench/out/ingest
rm -rf "$out" && mkdir -p "$out"

command -v sqlite3 >/dev/null || { apt-get update -qq && apt-get install -y -qq sqlite3; }
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time; }
if [ ! -x bench/.venv-ingest/bin/sqlite-utils ]; then
    python3 -m venv bench/.venv-ingest
    bench/.venv-ingest/bin/pip install -q sqlite-utils
fi
if [ -n "${JUKEBOX_BIN:-}" ]; then
    jukebox="$JUKEBOX_BIN"
else
    swift build -c release --product jukebox >/dev/null
    jukebox=.build/release/jukebox
fi

# Runs a command under /usr/bin/time; prints "seconds peak_MiB".
measure() {
    /usr/bin/time -f "%e %M" -o "$out/time.txt" "$@" >/dev/null 2>"$out/stderr.txt" || { cat "$out/stderr.txt"; exit 1; }
    awk '{ printf "%.2f %.0f\n", $1, $2 / 1024 }' "$out/time.txt"
}

skip10="${JUKEBOX_BENCH_SKIP_10X:-}"
[ -n "$skip10" ] || python3 bench/ingest/make_10x.py "$dump" "$out/dump_10x.csv" 10
rows=$(($(wc -l < "$dump") - 1))

read -r ours ours_mem < <(measure "$jukebox" ingest --db "$out/jukebox.sqlite" "$dump")
read -r flat flat_mem < <(measure sqlite3 "$out/flat.sqlite" ".mode csv" ".import $dump tracks")
read -r utils utils_mem < <(measure bench/.venv-ingest/bin/sqlite-utils insert "$out/utils.sqlite" tracks "$dump" --csv)

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
[ -n "$skip10" ] || read -r ours10 ours10_mem < <(measure "$jukebox" ingest --db "$out/jukebox_10x.sqlite" "$out/dump_10x.csv")

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo "Ingest of $dump ($rows rows), release build $jukebox, $(nproc) cores, $(date -u '+%Y-%m-%d %H:%M') UTC, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| workload | seconds | peak MiB | jukebox / this |"
echo "|---|---:|---:|---:|"
echo "| jukebox ingest (normalized, validated) | $ours | $ours_mem | 1.00 |"
echo "| sqlite3 .import (flat, one table, no checks) | $flat | $flat_mem | $(ratio "$ours" "$flat") |"
echo "| sqlite-utils insert --csv (flat) | $utils | $utils_mem | $(ratio "$ours" "$utils") |"
echo "| sqlite3 alone: parsed rows into the normalized tables (lower bound, no CSV) | $floor | $floor_mem | $(ratio "$ours" "$floor") |"
[ -n "$skip10" ] || echo "| jukebox ingest, 10x dump ($((rows * 10)) rows) | $ours10 | $ours10_mem | growth x$(ratio "$ours10" "$ours") for 10x rows |"
