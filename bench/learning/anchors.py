"""Reference implementations ("anchors") for the learning bench. One workload per process so that
peak memory (ru_maxrss) is per workload. Prints one JSON object."""
import json
import resource
import sys
import time
from pathlib import Path

import numpy as np

SEED = 42


def load(d, name, cols):
    return np.fromfile(d / name, dtype="<f8").reshape(-1, cols)


def vec(d, name):
    return np.fromfile(d / name, dtype="<f8")


def any_tag(d, pred):
    off = np.fromfile(d / "genre_anytag_off.i32", dtype="<i4")
    codes = np.fromfile(d / "genre_anytag_codes.i32", dtype="<i4")
    return float(np.mean([p in codes[off[i]:off[i + 1]] for i, p in enumerate(pred)]))


def main():
    d, workload = Path(sys.argv[1]), sys.argv[2]
    meta = json.loads((d / "meta.json").read_text())
    out = {"workload": workload}
    if workload in ("genre", "genre-rf"):
        c = len(meta["genre_columns"])
        Xtr, Xte = load(d, "genre_Xtr.f64", c), load(d, "genre_Xte.f64", c)
        ytr, yte = vec(d, "genre_ytr.f64").astype(int), vec(d, "genre_yte.f64").astype(int)
        t0 = time.time()
        if workload == "genre":
            import lightgbm as lgb
            model = lgb.LGBMClassifier(objective="multiclass", n_estimators=300, learning_rate=0.05, num_leaves=31,
                                       min_child_weight=1, random_state=SEED, verbose=-1)
            out["impl"] = "LightGBM 300 rounds lr 0.05 31 leaves"
        else:
            from sklearn.ensemble import RandomForestClassifier
            model = RandomForestClassifier(n_estimators=200, n_jobs=-1, random_state=SEED)
            out["impl"] = "sklearn RandomForest 200 trees"
        model.fit(Xtr, ytr)
        pred = model.predict(Xte)
        out["seconds"] = time.time() - t0
        out["metric_name"], out["metric"] = "accuracy", float(np.mean(pred == yte))
        out["any_tag_accuracy"] = any_tag(d, pred)
    elif workload in ("pop", "shap"):
        import lightgbm as lgb
        c = len(meta["pop_columns"])
        Xtr, Xte = load(d, "pop_Xtr.f64", c), load(d, "pop_Xte.f64", c)
        ytr, yte = vec(d, "pop_ytr.f64"), vec(d, "pop_yte.f64")
        params = dict(objective="regression", learning_rate=0.05, num_leaves=63, verbose=-1, seed=SEED)
        t0 = time.time()
        ds = lgb.Dataset(Xtr, ytr, categorical_feature=meta["pop_categorical"], free_raw_data=False)
        booster = lgb.train(params, ds, num_boost_round=500)
        pred = booster.predict(Xte)
        fit_seconds = time.time() - t0
        if workload == "pop":
            out["impl"] = "LightGBM 500 rounds lr 0.05 63 leaves, genre categorical"
            out["seconds"] = fit_seconds
            out["metric_name"] = "r2"
            out["metric"] = float(1 - np.sum((yte - pred) ** 2) / np.sum((yte - yte.mean()) ** 2))
        else:
            import shap
            rows = Xte[:2000]
            t0 = time.time()
            explainer = shap.TreeExplainer(booster)
            values = explainer.shap_values(rows)
            out["seconds"] = time.time() - t0
            out["impl"] = "shap TreeExplainer, 2000 rows x 500 trees x 63 leaves"
            raw = booster.predict(rows, raw_score=True)
            out["metric_name"] = "max additivity error"
            out["metric"] = float(np.max(np.abs(values.sum(axis=1) + explainer.expected_value - raw)))
    elif workload in ("kmeans", "knn"):
        T = load(d, "tracks_X.f64", len(meta["track_columns"]))
        if workload == "kmeans":
            from sklearn.cluster import KMeans
            t0 = time.time()
            km = KMeans(n_clusters=20, n_init=4, random_state=SEED).fit(T)
            out["seconds"] = time.time() - t0
            out["impl"] = "sklearn KMeans k=20 n_init=4"
            out["metric_name"], out["metric"] = "inertia", float(km.inertia_)
        else:
            from sklearn.neighbors import NearestNeighbors
            nn = NearestNeighbors(n_neighbors=10)
            t0 = time.time()
            nn.fit(T)
            dist, _ = nn.kneighbors(n_neighbors=10)  # X=None: a row is not its own neighbour
            out["seconds"] = time.time() - t0
            reps = 200
            t1 = time.time()
            for i in range(reps):
                nn.kneighbors(T[i:i + 1], n_neighbors=10)
            out["one_query_ms"] = (time.time() - t1) / reps * 1000
            out["impl"] = "sklearn NearestNeighbors (auto) top-10, all rows"
            out["metric_name"], out["metric"] = "mean 10th-NN distance", float(dist[:, 9].mean())
    else:
        raise SystemExit(f"unknown workload {workload}")
    usage = resource.getrusage(resource.RUSAGE_SELF)
    out["peak_mib"] = usage.ru_maxrss / 1024
    # Whole-process CPU (user + system, all threads): robust to a busy machine, unlike wall time.
    out["cpu_seconds_total"] = usage.ru_utime + usage.ru_stime
    print(json.dumps(out))


if __name__ == "__main__":
    main()
