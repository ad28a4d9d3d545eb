#!/usr/bin/env bash
# Offline evaluation of `jukebox recommend --playlist` on the real playlist dump, and its latency.
# Hides a seeded quarter of each playlist, loads the rest into a fresh warehouse, asks for 10 per playlist,
# chooses blend weights on half the playlists and reports recall@10 / NDCG@10 on the other half
# (see evaluate.py). Prints one markdown table (kept in bench/out/recommend-playlists/table.md);
# bench/recommend/RESULTS.md records each run with its command and date.
#
#   bench/recommend/evaluate.sh [DUMP.csv]   (default: ../shared/data/spotify_playlists_2020.csv)
#   JUKEBOX_BIN=path/to/release/jukebox to skip the build; EVAL_QUICK=1 for a smoke run of the harness.
set -euo pipefail
cd "$(dirname "$0")/../.."
dump="${1:-../shared/data/spotify_playlists_2020.csv}"
source bench/release-binary.sh
mkdir -p bench/out/recommend-playlists
python3 bench/recommend/evaluate.py "$jukebox" "$dump" bench/out/recommend-playlists | tee bench/out/recommend-playlists/table.md
