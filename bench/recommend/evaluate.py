"""Offline evaluation of playlist continuation (`jukebox recommend --playlist`), and its latency.

Hides a seeded quarter of each playlist's tracks, loads the rest into a fresh warehouse with the jukebox binary,
asks it for 10 tracks per playlist and scores the answers against the hidden tracks (recall@10, NDCG@10).
Every method is the shipped Analytics code (`jukebox recommend --playlist ... --weights ...`): a single signal
is the blend with the other weights at zero. Blend weights are chosen on a seeded half of the playlists (a small
grid) and every method is reported on the other half.

The warehouse holds every track of the dump as a catalogue (a track-only CSV: the dump's track columns, one row
per track) plus the visible memberships only; the hidden memberships are never loaded. No method uses "a
track in no playlist" as evidence.

    python3 bench/recommend/evaluate.py JUKEBOX DUMP.csv OUT_DIR
Standard library only (csv, json, sqlite3, subprocess).
"""
import csv, itertools, json, math, os, random, sqlite3, statistics, subprocess, sys, time
from concurrent.futures import ThreadPoolExecutor

SEED = 2026
K = 10
PLAYLIST_COLUMNS = {"playlist_name", "playlist_id", "playlist_genre", "playlist_subgenre"}

jukebox, dump, out = sys.argv[1], sys.argv[2], sys.argv[3]
os.makedirs(out, exist_ok=True)

# --- Hide a quarter of each playlist ---------------------------------------------------------------------
with open(dump, newline="", encoding="utf-8") as f:
    reader = csv.DictReader(f)
    header = reader.fieldnames
    rows = list(reader)
members = {}
for row in rows:
    members.setdefault(row["playlist_id"], [])
    if row["track_id"] not in members[row["playlist_id"]]:
        members[row["playlist_id"]].append(row["track_id"])
rng = random.Random(SEED)
hidden = {}
for playlist in sorted(members):
    tracks = members[playlist]
    if len(tracks) < 4:
        continue
    hidden[playlist] = set(rng.sample(tracks, max(1, round(len(tracks) / 4))))
track_header = [c for c in header if c not in PLAYLIST_COLUMNS]
catalogue, seen = os.path.join(out, "catalogue.csv"), set()
with open(catalogue, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(track_header)
    for row in rows:
        if row["track_id"] not in seen:
            seen.add(row["track_id"])
            w.writerow([row[c] for c in track_header])
visible = os.path.join(out, "visible.csv")
with open(visible, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(header)
    for row in rows:
        if row["track_id"] not in hidden.get(row["playlist_id"], ()):
            w.writerow([row[c] for c in header])

def fresh(path, *files):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    for file in files:
        subprocess.run([jukebox, "ingest", "--db", path, file], check=True, capture_output=True)

db = os.path.join(out, "heldout.sqlite")
fresh(db, catalogue, visible)
with sqlite3.connect(db) as c:
    loaded = c.execute("SELECT count(*) FROM playlist_tracks").fetchone()[0]
    ids = dict(c.execute("SELECT spotify_playlist_id, playlist_id FROM playlists"))
hidden_rows = sum(len(h) for h in hidden.values())
assert loaded == sum(len(t) for t in members.values()) - hidden_rows, "a hidden membership reached the warehouse"

order = sorted(hidden)
random.Random(SEED + 1).shuffle(order)
tune, test = sorted(order[: len(order) // 2]), sorted(order[len(order) // 2:])
QUICK = os.environ.get("EVAL_QUICK") == "1"   # a smoke run of the harness: 8 playlists a half, 2 blends, no latency
if QUICK:
    tune, test = tune[:8], test[:8]

# --- Ask jukebox ---------------------------------------------------------------------------------------------
def ask(weights, playlists):
    """{spotify playlist id: [track ids]} from one batch run of `jukebox recommend --playlist ...`."""
    args = [jukebox, "recommend", "--db", db, "--format", "json", "--count", str(K)] + (["--weights", weights] if weights else [])
    for p in playlists:
        args += ["--playlist", p]
    result = subprocess.run(args, check=True, capture_output=True, text=True)
    back = {v: k for k, v in ids.items()}
    answers = {p: [] for p in playlists}
    for row in json.loads(result.stdout):
        answers[back[row["playlist_id"]]].append(row["track_id"])
    return answers

def score(answers, playlists):
    recalls, ndcgs = [], []
    for p in playlists:
        truth, got = hidden[p], answers.get(p, [])[:K]
        hits = [1 if t in truth else 0 for t in got]
        recalls.append(sum(hits) / len(truth))
        dcg = sum(h / math.log2(i + 2) for i, h in enumerate(hits))
        ideal = sum(1 / math.log2(i + 2) for i in range(min(K, len(truth))))
        ndcgs.append(dcg / ideal)
    return statistics.mean(recalls), statistics.mean(ndcgs)

def weights_text(w):
    return ",".join(f"{k}={v:g}" for k, v in w.items() if v > 0)

singles = {
    "popularity": {"popularity": 1},
    "audio (the playlist's audio centroid)": {"audio": 1},
    "co-occurrence (IDF-damped)": {"cooccurrence": 1},
    "own artists, most popular first": {"artists": 1, "popularity": 0.01},
    "the playlist's albums": {"album": 1, "popularity": 0.01},
    "neighbour artists": {"neighbours": 1, "popularity": 0.01},
    "genre/subgenre playlists": {"genre": 1, "popularity": 0.01},
}
grid = [dict(artists=1, album=b, neighbours=n, cooccurrence=c, audio=a, genre=g, popularity=p)
        for b, n, c, a, g, p in itertools.product([0, 1, 2], [0, 0.05], [0, 0.05, 0.2], [0, 0.03], [0, 0.03], [0.01, 0.05])]
if QUICK:
    grid = grid[:2]

started = time.time()
def tuned(w):
    return score(ask(weights_text(w), tune), tune)
if os.environ.get("EVAL_BLEND"):   # skip the grid: report this blend (KIND=WEIGHT,...), e.g. one a full run chose
    blend = {k: float(v) for k, v in (part.split("=") for part in os.environ["EVAL_BLEND"].split(","))}
else:
    with ThreadPoolExecutor(max_workers=2) as pool:
        tuning = list(pool.map(tuned, grid))
    best = max(range(len(grid)), key=lambda i: (tuning[i][1], tuning[i][0]))
    blend = grid[best]
    ranked = sorted(range(len(grid)), key=lambda i: (tuning[i][1], tuning[i][0]), reverse=True)
    print(f"grid: {len(grid)} blends on {len(tune)} tuning playlists in {time.time() - started:.0f} s; the best five by NDCG@10:",
          file=sys.stderr)
    for i in ranked[:5]:
        print(f"  NDCG@10 {tuning[i][1]:.4f} recall@10 {tuning[i][0]:.4f}  {weights_text(grid[i])}", file=sys.stderr)

methods = list(singles.items()) + [("**Jukebox blend** (" + weights_text(blend) + ")", blend),
                                   ("Jukebox default weights (PlaylistEvidenceWeights.standard)", None)]
lines = [f"| method | recall@{K} | NDCG@{K} | recall@{K} (tuning half) |", "|---|---:|---:|---:|"]
for name, w in methods:
    text = weights_text(w) if w else None
    r, n = score(ask(text, test), test)
    rt, _ = score(ask(text, tune), tune)
    lines.append(f"| {name} | {100 * r:.1f}% | {n:.4f} | {100 * rt:.1f}% |")
table = "\n".join(lines)

if QUICK:
    print(table)
    sys.exit(0)

# --- Latency: whole processes on a warehouse of the full dump ----------------------------------------------------
full = os.path.join(out, "full.sqlite")
fresh(full, dump)
with sqlite3.connect(full) as c:
    sample = [r[0] for r in c.execute("SELECT spotify_playlist_id FROM playlists ORDER BY playlist_id LIMIT 20 OFFSET 50")]
samples = []
for p in sample:
    start = time.perf_counter()
    subprocess.run([jukebox, "recommend", "--db", full, "--playlist", p, "--format", "json"], check=True, capture_output=True)
    samples.append((time.perf_counter() - start) * 1000)

print(f"Held-out half: {len(test)} playlists, {sum(len(hidden[p]) for p in test)} hidden tracks "
      f"(a seeded quarter of each playlist, seed {SEED}); tuning half: {len(tune)} playlists; "
      f"{len(members)} playlists, {len(rows)} rows in the dump.\n")
print(table)
print(f"\n`recommend --playlist` latency, whole process, warehouse of the full dump: median {statistics.median(samples):.0f} ms, "
      f"max {max(samples):.0f} ms over {len(samples)} playlists.")
