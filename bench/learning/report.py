"""Joins ours_*.json and theirs_*.json from the bench output folder into one markdown table."""
import json
import sys
from pathlib import Path

WORKLOADS = [("genre", "genre (GBT+RF blend vs LightGBM)"), ("genre-rf", "genre (RF vs sklearn RF)"),
             ("pop", "popularity (GBT vs LightGBM)"), ("kmeans", "k-means k=20"),
             ("knn", "top-10 NN all rows"), ("shap", "TreeSHAP 2000 rows")]


def fmt(v):
    if v is None:
        return "-"
    if isinstance(v, float):
        return f"{v:.4g}"
    return str(v)


def main():
    out = Path(sys.argv[1])
    print("| workload | our time (s) | their time (s) | ours/theirs | our metric | their metric | our peak MiB | their peak MiB | our CPU s | their CPU s |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    extras = []
    for key, label in WORKLOADS:
        o = out / f"ours_{key}.json"
        t = out / f"theirs_{key}.json"
        ours = json.loads(o.read_text()) if o.exists() and o.stat().st_size else {}
        theirs = json.loads(t.read_text()) if t.exists() and t.stat().st_size else {}
        if not ours and not theirs:
            continue
        ratio = ours.get("seconds") / theirs.get("seconds") if ours.get("seconds") and theirs.get("seconds") else None
        name = ours.get("metric_name") or theirs.get("metric_name") or ""
        print(f"| {label} | {fmt(ours.get('seconds'))} | {fmt(theirs.get('seconds'))} | {fmt(ratio)} | "
              f"{name} {fmt(ours.get('metric'))} | {fmt(theirs.get('metric'))} | {fmt(ours.get('peak_mib'))} | {fmt(theirs.get('peak_mib'))} | "
              f"{fmt(ours.get('cpu_seconds_total'))} | {fmt(theirs.get('cpu_seconds_total'))} |")
        for k in ("any_tag_accuracy", "gbt_accuracy", "gbt_any_tag_accuracy", "forest_accuracy", "blend_weight",
                  "one_query_ms", "top5", "silhouette_2000"):
            if k in ours or k in theirs:
                extras.append(f"- {label}: {k} ours {fmt(ours.get(k))}, theirs {fmt(theirs.get(k))}")
    print()
    print("\n".join(extras))


if __name__ == "__main__":
    main()
