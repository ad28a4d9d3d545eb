"""Prepare identical numeric inputs for the Swift learning engine and the Python anchors.

Writes little-endian float64 matrices (*.f64), int32 vectors (*.i32) and meta.json into OUT.
"""
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.model_selection import GroupShuffleSplit

AUDIO = ["duration_ms", "danceability", "energy", "key", "loudness", "mode", "speechiness",
         "acousticness", "instrumentalness", "liveness", "valence", "tempo", "time_signature"]
KMEANS = ["danceability", "energy", "loudness", "speechiness", "acousticness", "instrumentalness",
          "liveness", "valence", "tempo"]
SEED = 42


def write(out, name, arr, dtype):
    np.ascontiguousarray(arr, dtype=dtype).tofile(out / name)


def main():
    csv, out = Path(sys.argv[1]), Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    df = pd.read_csv(csv)
    df = df.drop(columns=[c for c in df.columns if c.startswith("Unnamed")] + ([""] if "" in df.columns else []))
    raw = len(df)
    df = df.drop_duplicates().reset_index(drop=True)
    df = df[df["artists"].notna() & (df["artists"].astype(str) != "")].reset_index(drop=True)
    df["explicit"] = df["explicit"].astype(str).str.lower().eq("true").astype(float)
    genres = sorted(df["track_genre"].unique())
    gcode = {g: i for i, g in enumerate(genres)}
    df["genre_code"] = df["track_genre"].map(gcode).astype(int)

    split = GroupShuffleSplit(n_splits=1, test_size=0.2, random_state=SEED)
    train_idx, test_idx = next(split.split(df, groups=df["track_id"]))
    train_idx.sort(); test_idx.sort()

    genre_cols = AUDIO + ["explicit", "popularity"]
    pop_cols = AUDIO + ["explicit", "genre_code"]
    Xg = df[genre_cols].to_numpy(float)
    yg = df["genre_code"].to_numpy(float)
    Xp = df[pop_cols].to_numpy(float)
    yp = df["popularity"].to_numpy(float)
    for name, X, y in (("genre", Xg, yg), ("pop", Xp, yp)):
        write(out, f"{name}_Xtr.f64", X[train_idx], "<f8"); write(out, f"{name}_ytr.f64", y[train_idx], "<f8")
        write(out, f"{name}_Xte.f64", X[test_idx], "<f8"); write(out, f"{name}_yte.f64", y[test_idx], "<f8")

    # The track of each training row, numbered, so a model can hold out whole tracks inside the training set.
    track_codes = pd.factorize(df["track_id"])[0]
    write(out, "genre_gtr.i32", track_codes[train_idx], "<i4")

    # Any-tag: every genre a test row's track carries anywhere in the data, as CSR.
    tags = df.groupby("track_id")["genre_code"].apply(lambda s: sorted(set(s))).to_dict()
    offs, codes = [0], []
    for tid in df["track_id"].to_numpy()[test_idx]:
        codes.extend(tags[tid]); offs.append(len(codes))
    write(out, "genre_anytag_off.i32", offs, "<i4"); write(out, "genre_anytag_codes.i32", codes, "<i4")

    tracks = df.drop_duplicates("track_id").reset_index(drop=True)
    T = tracks[KMEANS].to_numpy(float)
    T = (T - T.mean(axis=0)) / T.std(axis=0)
    write(out, "tracks_X.f64", T, "<f8")

    meta = {
        "raw_rows": raw, "rows": len(df), "train_rows": len(train_idx), "test_rows": len(test_idx),
        "genre_columns": genre_cols, "pop_columns": pop_cols, "pop_categorical": [pop_cols.index("genre_code")],
        "classes": genres, "tracks": len(tracks), "track_columns": KMEANS, "seed": SEED,
    }
    (out / "meta.json").write_text(json.dumps(meta, indent=1))
    print(f"prep: {raw} raw rows -> {len(df)} rows, {len(train_idx)} train / {len(test_idx)} test, "
          f"{len(tracks)} distinct tracks, {len(genres)} genres")


if __name__ == "__main__":
    main()
