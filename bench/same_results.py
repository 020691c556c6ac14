"""Checks that two result directories (ties.csv, roles.csv, summary.csv) hold the same figures:
the same rows and text fields, numbers equal within 1e-9. Prints one line; exit code 1 on a
difference. Usage: python3 bench/same_results.py DIR_A DIR_B"""
import csv
import sys

TOLERANCE = 1e-9
KEYS = {"ties.csv": ("from_role", "to_role"), "roles.csv": ("role",), "summary.csv": ("metric",)}


def rows(path, key):
    with open(path, newline="", encoding="utf-8") as f:
        return {tuple(r[c] for c in key): r for r in csv.DictReader(f)}


def same(a, b):
    if a == b:
        return True
    try:
        return abs(float(a) - float(b)) <= TOLERANCE
    except ValueError:
        return False


def main(left, right):
    compared = 0
    for name, key in KEYS.items():
        a, b = rows(f"{left}/{name}", key), rows(f"{right}/{name}", key)
        if a.keys() != b.keys():
            sys.exit(f"{name}: different rows ({len(a)} against {len(b)}; e.g. {sorted(a.keys() ^ b.keys())[:3]})")
        for row_key, row in a.items():
            for column, value in row.items():
                if not same(value, b[row_key][column]):
                    sys.exit(f"{name}: {row_key} {column}: {value} against {b[row_key][column]}")
                compared += 1
    print(f"same results: {compared} fields agree (numbers within {TOLERANCE})")


if __name__ == "__main__":
    main(*sys.argv[1:3])
