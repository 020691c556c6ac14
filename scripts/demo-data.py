#!/usr/bin/env python3
"""Adds realistic numbers of nurses and case managers to the demo's two waves.

The demo began as the reference data of the scoring tests, where the central roles of a discharge
(nurses, case managers) had 1 to 4 respondents and vanished from every view. This appends
respondents to src/RelationalCoordination.Web/Demo/hospital-wave{1,2}.csv (never to the test
reference data): 28/30 nurses and 6/7 case managers; nurse aides stay small, so the demo still
shows what "fewer than k" looks like. Deterministic (seeded); run once from the repository root.
"""
import random

ROLES = ["Case managers", "Nurse aides", "Nurses", "Pharmacists", "Physical therapists", "Physicians", "Residents", "Social workers"]
# How each added role experiences each role, on the 1-5 scale, in wave 1; wave 2 adds the change.
MEANS = {
    "Nurses": {"Case managers": 3.8, "Nurse aides": 4.1, "Nurses": 4.3, "Pharmacists": 3.0, "Physical therapists": 3.4,
               "Physicians": 3.3, "Residents": 3.0, "Social workers": 3.5},
    "Case managers": {"Case managers": 4.4, "Nurse aides": 3.4, "Nurses": 4.0, "Pharmacists": 3.1, "Physical therapists": 3.5,
                      "Physicians": 3.6, "Residents": 3.2, "Social workers": 4.2},
}
# The change team worked on nurses and pharmacists, and on case managers with residents.
CHANGE = {("Nurses", "Pharmacists"): 0.6, ("Case managers", "Residents"): 0.5, ("Nurses", "Physicians"): 0.2}
ADDED = {1: {"Nurses": 25, "Case managers": 5}, 2: {"Nurses": 26, "Case managers": 4}}


def main():
    rng = random.Random(17)
    for wave in (1, 2):
        path = f"src/RelationalCoordination.Web/Demo/hospital-wave{wave}.csv"
        rows = []
        for role, count in ADDED[wave].items():
            for i in range(count):
                person = rng.gauss(0, 0.35)
                rid = f"D{wave}{role[0]}-{i:04d}"
                for target in ROLES:
                    mean = MEANS[role][target] + (CHANGE.get((role, target), 0) if wave == 2 else 0) + person
                    scores = [min(5, max(1, round(mean + rng.gauss(0, 0.7)))) for _ in range(7)]
                    rows.append(",".join([rid, role, target, *map(str, scores)]))
        with open(path, "a", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
