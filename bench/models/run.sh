#!/usr/bin/env bash
# What the models give on tracks they never saw, the way a user meets them: split the bundled dump by track
# (a hash of the track id: 80% to load and train on, 20% unseen), `train all` on the 80%, `predict` the 20%,
# and print one table: genre any-tag accuracy and popularity R² on the unseen tracks; the same tracks with their
# audio columns removed, split by whether the warehouse knows the lead artist; how many tracks lack a champion
# answer after a new dump and `retrain`; and the time and peak memory of `train all`.
#
#   bench/models/run.sh                       (env: JUKEBOX_BIN=path to a release jukebox, else built here;
#                                              DUMP=data/spotify_tracks.csv; OUT=bench/out/models)
set -euo pipefail
cd "$(dirname "$0")/../.."
DUMP="${DUMP:-data/spotify_tracks.csv}"
OUT="${OUT:-bench/out/models}"
source bench/release-binary.sh
JUKEBOX_BIN="$jukebox"
mkdir -p "$OUT"
DB="$OUT/models.sqlite"
rm -f "$DB" "$DB-wal" "$DB-shm" "$DB.train-lock" "$DB.ingest-lock"

python3 - "$DUMP" "$OUT" <<'PY'
import csv, hashlib, sys
dump, out = sys.argv[1], sys.argv[2]
audio = ["danceability", "energy", "key", "loudness", "mode", "speechiness", "acousticness", "instrumentalness",
         "liveness", "valence", "tempo", "time_signature"]
with open(dump, newline="", encoding="utf-8") as f:
    reader = csv.reader(f)
    header = next(reader)
    rows = list(reader)
tid = header.index("track_id")
def unseen(row):  # a stable 20% of tracks, by the id's hash
    return int(hashlib.sha256(row[tid].encode()).hexdigest()[:8], 16) % 5 == 0
def write(name, chosen, without_audio=False):
    keep = [i for i, name in enumerate(header) if not (without_audio and name in audio)]
    with open(f"{out}/{name}", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow([header[i] for i in keep])
        for row in chosen:
            w.writerow([row[i] for i in keep])
train = [r for r in rows if not unseen(r)]
test = [r for r in rows if unseen(r)]
write("train.csv", train)
write("unseen.csv", test)
write("unseen_no_audio.csv", test, without_audio=True)
# Two new tracks for the retrain check: rows of unseen tracks, as tomorrow's dump.
write("new_tracks.csv", [r for r in test if r[tid] in {test[0][tid], test[1][tid]}])
print(f"split: {len({r[tid] for r in train})} tracks to train on, {len({r[tid] for r in test})} unseen", file=sys.stderr)
PY

"$JUKEBOX_BIN" ingest --db "$DB" "$OUT/train.csv" >/dev/null
/usr/bin/time -f "%e %M" -o "$OUT/train.time" "$JUKEBOX_BIN" train --db "$DB" all >/dev/null 2>"$OUT/train.log"
"$JUKEBOX_BIN" predict --db "$DB" "$OUT/unseen.csv" --format csv >"$OUT/predicted.csv" 2>/dev/null
"$JUKEBOX_BIN" predict --db "$DB" "$OUT/unseen_no_audio.csv" --format csv >"$OUT/predicted_no_audio.csv" 2>/dev/null
"$JUKEBOX_BIN" sql --db "$DB" "SELECT DISTINCT a.name FROM track_artists ta JOIN artists a USING (artist_id) WHERE ta.position = 1" \
    --format csv --max-rows 10000000 >"$OUT/known_artists.csv"
"$JUKEBOX_BIN" ingest --db "$DB" "$OUT/new_tracks.csv" >/dev/null
"$JUKEBOX_BIN" retrain --db "$DB" >/dev/null 2>>"$OUT/train.log" || true
"$JUKEBOX_BIN" sql --db "$DB" --format csv "
    SELECT (SELECT count(*) FROM v_tracks t WHERE t.danceability IS NOT NULL AND NOT EXISTS
              (SELECT 1 FROM v_genre_predictions p WHERE p.track_id = t.track_id)) AS no_genre,
           (SELECT count(*) FROM v_tracks t WHERE t.danceability IS NOT NULL AND NOT EXISTS
              (SELECT 1 FROM v_popularity_predictions p WHERE p.track_id = t.track_id)) AS no_popularity,
           (SELECT count(*) FROM v_tracks t WHERE t.danceability IS NOT NULL AND NOT EXISTS
              (SELECT 1 FROM v_track_clusters c WHERE c.track_id = t.track_id)) AS no_cluster,
           (SELECT count(*) FROM v_tracks t WHERE t.danceability IS NOT NULL AND NOT EXISTS
              (SELECT 1 FROM v_track_neighbours n WHERE n.track_id = t.track_id)) AS no_neighbours" >"$OUT/unanswered.csv"
"$JUKEBOX_BIN" models --db "$DB" --format json >"$OUT/models.json"

python3 - "$DUMP" "$OUT" <<'PY'
import csv, json, sys
dump, out = sys.argv[1], sys.argv[2]
def rows(name):
    with open(f"{out}/{name}", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))
truth_genres, truth_pop, lead = {}, {}, {}
for r in rows("unseen.csv"):
    truth_genres.setdefault(r["track_id"], set()).add(r["track_genre"])
    truth_pop[r["track_id"]] = float(r["popularity"])
    lead[r["track_id"]] = r["artists"].split(";")[0]
known = {r["name"] for r in rows("known_artists.csv")}

def any_tag(predicted, ids=None):
    scored = [(p["track_id"], p["predicted_genre"]) for p in predicted if p["predicted_genre"] and (ids is None or p["track_id"] in ids)]
    asked = len({p["track_id"] for p in predicted if ids is None or p["track_id"] in ids})
    right = sum(1 for t, g in {t: g for t, g in scored}.items() if g in truth_genres.get(t, ()))
    answered = len({t for t, _ in scored})
    return right, answered, asked

def r2(predicted):
    pairs = [(truth_pop[p["track_id"]], float(p["predicted_popularity"])) for p in predicted if p["predicted_popularity"]]
    mean = sum(t for t, _ in pairs) / len(pairs)
    ss_res = sum((t - y) ** 2 for t, y in pairs)
    ss_tot = sum((t - mean) ** 2 for t, _ in pairs)
    return 1 - ss_res / ss_tot, len(pairs)

full = rows("predicted.csv")
bare = rows("predicted_no_audio.csv")
known_ids = {t for t in truth_genres if lead[t] in known}
unknown_ids = set(truth_genres) - known_ids
right, answered, asked = any_tag(full)
r2_full, n_pop = r2(full)
kr, ka, kn = any_tag(bare, known_ids)
ur, ua, un = any_tag(bare, unknown_ids)
seconds, kib = open(f"{out}/train.time").read().split()
unanswered = rows("unanswered.csv")[0]
print("| measure (tracks the models never saw) | value |")
print("|---|---|")
print(f"| genre any-tag accuracy of `predict` | {right / answered:.4f} ({right:,} right of {answered:,} answered; {asked:,} asked) |")
print(f"| popularity R² of `predict` | {r2_full:.4f} ({n_pop:,} tracks) |")
print(f"| audio columns removed, lead artist known: genre any-tag | {kr / max(1, ka):.4f} ({ka:,} of {kn:,} answered) |")
if ua:
    print(f"| audio columns removed, lead artist unknown: genre any-tag | {ur / ua:.4f} ({ua:,} of {un:,} answered) |")
else:
    print(f"| audio columns removed, lead artist unknown: genre | no answer for any of {un:,} tracks |")
print(f"| tracks with audio lacking a champion answer after ingest + retrain | genre {unanswered['no_genre']}, popularity {unanswered['no_popularity']}, cluster {unanswered['no_cluster']}, neighbours {unanswered['no_neighbours']} |")
print(f"| `train all` on the 80% warehouse | {float(seconds):.1f} s, {int(kib) / 1024:.0f} MiB peak |")
# The internal holdout figures of the champions, beside (no longer targets).
for run in json.load(open(f"{out}/models.json")):
    if run.get("champion") == "yes" and run.get("task") in ("genre", "popularity"):
        print(f"| internal holdout, {run['task']} ({run['features']}), run {run['run_id']} | {run['key_metrics']} |")
PY
