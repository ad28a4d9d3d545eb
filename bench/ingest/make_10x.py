"""Writes a 10x copy of a Spotify tracks dump with fresh track ids (and album/artist names kept),
so the 10x load does real work: every copy's tracks are new to the warehouse."""
import csv
import sys

source, target, copies = sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 10
alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

with open(source, newline="", encoding="utf-8") as f:
    reader = csv.reader(f)
    header = next(reader)
    rows = list(reader)
id_column = header.index("track_id")
with open(target, "w", newline="", encoding="utf-8") as f:
    writer = csv.writer(f, lineterminator="\n")
    writer.writerow(header)
    index = 0
    for copy in range(copies):
        for row in rows:
            row = list(row)
            row[0] = str(index)
            if copy > 0:
                # Same length and alphabet as a Spotify id, distinct per copy, stable per original id.
                row[id_column] = alphabet[copy] + row[id_column][1:]
            writer.writerow(row)
            index += 1
