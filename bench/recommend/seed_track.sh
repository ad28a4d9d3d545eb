#!/usr/bin/env bash
# One seed track, today's binary against another, in one run: recall@10 of `jukebox recommend TRACK` on the real
# playlist dump (see seed_track.py). bench/recommend/RESULTS.md records each run with its command and date.
#
#   BEFORE_BIN=path/to/old/jukebox bench/recommend/seed_track.sh [DUMP.csv]   (default: ../shared/data/spotify_playlists_2020.csv)
#   JUKEBOX_BIN=path is the "after" binary (else a release build made now).
set -euo pipefail
cd "$(dirname "$0")/../.."
dump="${1:-../shared/data/spotify_playlists_2020.csv}"
source bench/release-binary.sh
mkdir -p bench/out/recommend-seed-track
python3 bench/recommend/seed_track.py "${BEFORE_BIN:?set BEFORE_BIN to the binary to compare against}" "$jukebox" "$dump" \
    bench/out/recommend-seed-track | tee bench/out/recommend-seed-track/table.md
