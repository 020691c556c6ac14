#!/usr/bin/env python3
"""The client of bench/large.sh: the web app on the large workload and at multiples of it.

For each multiple m (1, 4, 16): creates a survey of the workload's 40 roles through the API, opens
it and imports the workload file m times (each request ≤ 50 MB, every import all-or-nothing; the
file's respondent ids are not stored, so each import adds 20,000 new respondents). It then dumps
the rows that import stored, deletes them and copies the same rows back into the same tables with
psql's \\copy — the floor: a bare COPY of the same rows into the same table on the same server.
Runs alternate (import, floor, import, floor, …) so that drift touches both alike. Then it closes
the last survey (results scored and stored), signs in and times every results page.
Standard library only."""
import argparse
import csv
import html as htmllib
import json
import re
import statistics
import subprocess
import sys
import time

from results_pages import GUID, Client, p95, results_pages, time_requests


def timed(action):
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def survey(api, roles, title, previous=None):
    _, body = api.call("POST", "/api/v1/surveys", json.dumps({
        "title": title, "workProcess": "discharging a patient", "roles": [{"name": r} for r in roles],
        "previousWaveId": previous}).encode(), "application/json")
    survey_id = json.loads(body)["id"]
    api.call("POST", f"/api/v1/surveys/{survey_id}/open")
    return survey_id


def psql(args, *commands):
    subprocess.run(args.psql.split() + ["-v", "ON_ERROR_STOP=1", "-q"] + [x for c in commands for x in ("-c", c)],
                   check=True, stdout=subprocess.DEVNULL)


def floor(args, survey_id, multiple):
    """Dumps the survey's stored rows, deletes them, and times copying the same rows back."""
    responses, answers = f"{args.data}/floor-responses.csv", f"{args.data}/floor-answers.csv"
    psql(args,
         f"""\\copy (SELECT * FROM "Responses" WHERE "SurveyId" = '{survey_id}') TO '{responses}' (FORMAT csv)""",
         f"""\\copy (SELECT a.* FROM "Answer" a JOIN "Responses" r ON r."Id" = a."ResponseId" WHERE r."SurveyId" = '{survey_id}') TO '{answers}' (FORMAT csv)""",
         f"""DELETE FROM "Responses" WHERE "SurveyId" = '{survey_id}'""", "VACUUM ANALYZE")
    seconds, _ = timed(lambda: psql(args,
                                    f"""\\copy "Responses" FROM '{responses}' (FORMAT csv)""",
                                    f"""\\copy "Answer" FROM '{answers}' (FORMAT csv)"""))
    # For scale: the same rows into tables without keys, checks or triggers.
    psql(args, 'CREATE TABLE IF NOT EXISTS plain_responses (LIKE "Responses")', 'CREATE TABLE IF NOT EXISTS plain_answers (LIKE "Answer")',
         "TRUNCATE plain_responses, plain_answers", "CHECKPOINT")
    plain, _ = timed(lambda: psql(args,
                                  f"""\\copy plain_responses FROM '{responses}' (FORMAT csv)""",
                                  f"""\\copy plain_answers FROM '{answers}' (FORMAT csv)"""))
    return seconds, plain


def main():
    parser = argparse.ArgumentParser()
    for name in ("app", "token", "email", "password", "file", "psql", "data"):
        parser.add_argument(f"--{name}", required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--page-runs", type=int, default=20)
    parser.add_argument("--multiples", default="1,4,16")
    args = parser.parse_args()

    with open(args.file, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    roles = sorted({r[1] for r in rows[1:]} | {r[2] for r in rows[1:]})
    data = open(args.file, "rb").read()
    api = Client(args.app, args.token)

    growth = []
    last = None
    first_wave = None
    for multiple in [int(m) for m in args.multiples.split(",")]:
        imports, floors, plains = [], [], []
        for run in range(args.runs):
            survey_id = survey(api, roles, f"Large ×{multiple}, run {run + 1}")
            seconds = 0.0
            for _ in range(multiple):
                s, (status, body) = timed(lambda: api.call("POST", f"/api/v1/surveys/{survey_id}/responses/import", data, "text/csv"))
                if status != 200:
                    sys.exit(f"import answered {status}: {body[:300]}")
                seconds += s
            imports.append(seconds)
            same_table, plain = floor(args, survey_id, multiple)
            floors.append(same_table)
            plains.append(plain)
            if run < args.runs - 1:
                api.call("DELETE", f"/api/v1/surveys/{survey_id}")
            last = survey_id
        psql(args, "VACUUM ANALYZE")
        close_s, _ = timed(lambda: api.call("POST", f"/api/v1/surveys/{last}/close"))
        first_wave = first_wave or last
        growth.append((multiple, statistics.median(imports), statistics.median(floors), statistics.median(plains), close_s))
        print(f"×{multiple}: import {', '.join(f'{s:.2f}' for s in imports)} s; bare COPY {', '.join(f'{s:.2f}' for s in floors)} s; "
              f"into plain tables {', '.join(f'{s:.2f}' for s in plains)} s; close {close_s:.2f} s", flush=True)

    observations = len(rows) - 1
    print()
    print("| workload | respondents | observations | API import (median) | bare COPY of the same rows into the same tables (median) | import ÷ COPY | COPY into plain tables | close: score and store |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for multiple, imp, flo, plain, close_s in growth:
        print(f"| ×{multiple} | {20000 * multiple:,} | {observations * multiple:,} | {imp:.2f} s | {flo:.2f} s | **{imp / flo:.2f}×** | {plain:.2f} s | {close_s:.2f} s |")

    # A second wave of the large workload, so that the comparison is among the pages timed.
    wave2 = survey(api, roles, "Large, wave 2", previous=first_wave)
    api.call("POST", f"/api/v1/surveys/{wave2}/responses/import", data, "text/csv")
    close_s, _ = timed(lambda: api.call("POST", f"/api/v1/surveys/{wave2}/close"))
    print()
    print(f"Wave 2 of the large workload ({observations:,} observations): closed, its results scored and stored, in {close_s:.2f} s.")
    pages(args, wave2, first_wave)


def pages(args, survey_id, previous):
    owner = Client(args.app)
    org = owner.sign_in(args.email, args.password)
    here = f"/orgs/{org}/surveys/{survey_id}"
    _, heatmap = owner.call("GET", f"{here}/results/heatmap")
    heatmap = heatmap.decode()
    role = re.search(rf'href="[^"]*/results/roles/({GUID})"', heatmap).group(1)
    other = [r for r in re.findall(rf'href="[^"]*/results/roles/({GUID})"', heatmap) if r != role][0]
    tie = htmllib.unescape(re.search(r'href="([^"]*tie\?[^"]*)"', heatmap).group(1))
    targets = results_pages(here, role, tie) + [
        ("waves (series)", f"{here}/results/series"),
        ("comparison with wave 1", f"{here}/results/compare"),
        ("conversation guide", f"{here}/results/conversation?a={role}&b={other}"),
        ("share links", f"{here}/results/links"),
        ("change plan", f"{here}/change"),
        ("feedback sessions", f"{here}/sessions"),
        ("API summary", f"/api/v1/surveys/{survey_id}/results/summary"),
        ("API ties", f"/api/v1/surveys/{survey_id}/results/ties"),
        ("API comparison", f"/api/v1/surveys/{survey_id}/compare/{previous}"),
    ]
    api = Client(args.app, args.token)
    print()
    print(f"Every results page and export of wave 2, {args.page_runs} requests each after one warm-up (which computes what is then kept):")
    print()
    print("| page | size | p50 | p95 | max |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, path in targets:
        size, times = time_requests(api if path.startswith("/api") else owner, path, args.page_runs)
        print(f"| {name} | {size / 1024:,.0f} KB | {statistics.median(times):.0f} ms | {p95(times):.0f} ms | {times[-1]:.0f} ms |")

if __name__ == "__main__":
    main()
