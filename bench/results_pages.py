#!/usr/bin/env python3
"""The client of bench/results-pages.sh: creates a survey of N roles through the API, imports
per-role respondents who each rate every role, closes it, signs in as the owner and times each
results page and export (one warm-up request, then --runs requests, one after another). Prints a
Markdown table of sizes and p50/p95 latencies. Standard library only; the data is deterministic."""

import argparse
import html as htmllib
import http.cookiejar
import json
import random
import re
import statistics
import sys
import time
import urllib.parse
import urllib.request

GUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
HEADER = "respondent_id,role,target_role,frequent,timely,accurate,problem_solving,shared_goals,shared_knowledge,mutual_respect"


def responses(roles, per_role, seed=1):
    """Each respondent rates every role; a role's ties to its neighbours are stronger, so bands differ."""
    rng = random.Random(seed)
    lines = [HEADER]
    for a, role in enumerate(roles):
        for j in range(per_role):
            for b, target in enumerate(roles):
                base = 4 if abs(a - b) <= 2 else 3 if (a + b) % 3 else 2
                scores = [str(min(5, max(1, base + rng.choice((-1, 0, 0, 1))))) for _ in range(7)]
                lines.append(f"R{a:03d}-{j:02d},{role},{target}," + ",".join(scores))
    return "\n".join(lines) + "\n"


class Client:
    def __init__(self, base, token=None):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.token = token

    def call(self, method, path, body=None, content_type=None, form=None):
        headers = {}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        if form is not None:
            body = urllib.parse.urlencode(form).encode()
            content_type = "application/x-www-form-urlencoded"
        if content_type:
            headers["Content-Type"] = content_type
        request = urllib.request.Request(self.base + path, data=body, method=method, headers=headers)
        with self.opener.open(request, timeout=300) as response:
            return response.status, response.read()

    def sign_in(self, email, password):
        """Signs in through the form, as a browser does; returns the user's first organisation's id."""
        _, form = self.call("GET", "/account/signin")
        token = re.search(r'name="__RequestVerificationToken" type="hidden" value="([^"]+)"', form.decode()).group(1)
        self.call("POST", "/account/signin", form={"Email": email, "Password": password, "__RequestVerificationToken": token})
        _, orgs = self.call("GET", "/orgs")
        return re.search(rf"/orgs/({GUID})", orgs.decode()).group(1)


def time_requests(client, path, runs):
    """One warm-up request, then `runs` requests one after another: (size in bytes, sorted times in ms)."""
    status, content = client.call("GET", path)
    if status != 200:
        sys.exit(f"{path} answered {status}")
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        client.call("GET", path)
        times.append((time.perf_counter() - started) * 1000)
    return len(content), sorted(times)


def results_pages(here, role, tie):
    """The results pages and exports of a survey at `here`, with one role and one tie link."""
    return [
        ("overview", f"{here}/results"),
        ("heatmap", f"{here}/results/heatmap"),
        ("role profile", f"{here}/results/roles/{role}"),
        ("a tie", tie if tie.startswith("/") else f"{here}/results/{tie}"),
        ("network map", f"{here}/results/network"),
        ("where to start", f"{here}/results/start"),
        ("printable report", f"{here}/results/report"),
        ("export results.zip", f"{here}/results/export/results.zip"),
        ("export results.xlsx", f"{here}/results/export/results.xlsx"),
        ("export network.graphml", f"{here}/results/export/network.graphml"),
    ]


def p95(times):
    return times[max(0, int(round(0.95 * len(times))) - 1)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--app", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--email", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--roles", type=int, default=100)
    parser.add_argument("--per-role", type=int, default=10)
    args = parser.parse_args()

    roles = [f"Role {i:03d}" for i in range(1, args.roles + 1)]
    api = Client(args.app, args.token)
    _, body = api.call("POST", "/api/v1/surveys", json.dumps({
        "title": f"{args.roles} roles", "workProcess": "discharging a patient",
        "roles": [{"name": r} for r in roles]}).encode(), "application/json")
    survey = json.loads(body)["id"]
    api.call("POST", f"/api/v1/surveys/{survey}/open")
    data = responses(roles, args.per_role)
    started = time.perf_counter()
    _, imported = api.call("POST", f"/api/v1/surveys/{survey}/responses/import", data.encode(), "text/csv")
    import_s = time.perf_counter() - started
    api.call("POST", f"/api/v1/surveys/{survey}/close")
    started = time.perf_counter()
    api.call("GET", f"/api/v1/surveys/{survey}/results/summary")
    first_s = time.perf_counter() - started

    owner = Client(args.app)
    org = owner.sign_in(args.email, args.password)
    here = f"/orgs/{org}/surveys/{survey}"
    _, heatmap = owner.call("GET", f"{here}/results/heatmap")
    heatmap = heatmap.decode()
    role = re.search(rf'href="[^"]*/results/roles/({GUID})"', heatmap).group(1)
    tie = htmllib.unescape(re.search(r'href="([^"]*tie\?[^"]*)"', heatmap).group(1))

    pages = results_pages(here, role, tie)
    print(f"survey: {args.roles} roles, {args.per_role} respondents per role, closed; imported {json.loads(imported)} "
          f"in {import_s:.1f} s; first results (score and store) {first_s * 1000:.0f} ms")
    print()
    print(f"| page | size | p50 | p95 | max |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, path in pages:
        size, times = time_requests(owner, path, args.runs)
        print(f"| {name} | {size / 1024:,.0f} KB | {statistics.median(times):.0f} ms | {p95(times):.0f} ms | {times[-1]:.0f} ms |")

if __name__ == "__main__":
    main()
