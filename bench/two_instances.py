#!/usr/bin/env python3
"""The client of bench/two-instances.sh: through the load balancer only, an owner and a respondent
(each with their own cookie jar) use the app as a browser without JavaScript would; then the nginx
log tells which instance served each request and the database what was stored. Prints a report
and PASS, or FAIL and exits 1. Standard library only."""

import argparse
import http.cookiejar
import json
import os
import re
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request

ITEMS = 7
GUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
ROLES = ["Nurses", "Physicians", "Pharmacists", "Patients"]  # Patients are rated but do not answer
CHOSEN = "Nurses"
DIMENSIONS = ["Frequent", "Timely", "Accurate", "ProblemSolving", "SharedGoals", "SharedKnowledge", "MutualRespect"]


class Failure(Exception):
    pass


class KeepResponses(urllib.request.HTTPErrorProcessor):
    """Every status comes back as a response: redirects are followed by hand, so each is a request of its own."""

    def http_response(self, request, response):
        return response

    https_response = http_response


class Client:
    """One browser: its own cookie jar; every request is tagged with a step name for the nginx log."""

    def __init__(self, base, actor, headers=None):
        self.base = base
        self.actor = actor
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), KeepResponses())
        self.headers = {"Accept-Language": "en", **(headers or {})}
        self.count = 0
        self.steps = []  # (step, method, path, status, note)

    def request(self, method, path, form=None, body=None, content_type=None, expect=200, location=None, note="", base=None):
        self.count += 1
        step = f"{self.actor}-{self.count:02d}"
        data = None
        headers = dict(self.headers, **{"X-Bench-Step": step})
        if form is not None:
            data = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        elif body is not None:
            data = body.encode()
            headers["Content-Type"] = content_type
        req = urllib.request.Request((base or self.base) + path, data=data, method=method, headers=headers)
        with self.opener.open(req, timeout=60) as response:
            status = response.status
            text = response.read().decode("utf-8", "replace")
            got_location = response.headers.get("Location")
        self.steps.append((step, method, path, status, note))
        if status != expect:
            raise Failure(f"{step} {method} {path}: {status}, expected {expect}; {snippet(text)}")
        if location is not None:
            target = urllib.parse.urlsplit(got_location or "")
            target = target.path + (f"?{target.query}" if target.query else "")
            if target != location:
                # A refused antiforgery token on a respondent page redirects to the same page: caught here.
                raise Failure(f"{step} {method} {path}: redirected to {got_location!r}, expected {location}")
            return target
        return text


def snippet(text):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text))[:300]


def antiforgery(html, action=None):
    """The antiforgery token of the form (the one posting to `action`, or the first)."""
    for form in re.findall(r"<form\b[^>]*>.*?</form>", html, re.S):
        if action is not None and f'action="{action}"' not in form.replace("&amp;", "&"):
            continue
        m = re.search(r'name="__RequestVerificationToken" type="hidden" value="([^"]+)"', form)
        if m:
            return m.group(1)
    raise Failure(f"no antiforgery token in a form{' posting to ' + action if action else ''}")


def checked_answers(html, number):
    """The radios checked on question `number`'s page: role id (hex) → "1".."5" or "na"."""
    found = {}
    for tag in re.findall(r"<input\b[^>]*>", html):
        name = re.search(r'name="([^"]+)"', tag)
        if name and name.group(1).startswith(f"q{number}.") and re.search(r'\bchecked\b', tag):
            found[name.group(1)[len(f"q{number}."):]] = re.search(r'value="([^"]+)"', tag).group(1)
    return found


def answer(item, role_index):
    """The answer given to item 1..7 about the role at role_index: scores 1-5, and a few "not applicable"."""
    if (item, role_index) in {(4, 3), (6, 2)}:
        return "na"
    return str((item + 2 * role_index) % 5 + 1)


def owner_flow(args, owner, api, report):
    html = owner.request("GET", "/account/signin", note="sign-in form")
    token = antiforgery(html)
    owner.request("POST", "/account/signin", form={"Email": args.email, "Password": args.password, "__RequestVerificationToken": token},
                  expect=302, location="/orgs", note="sign in: the auth cookie is issued")
    html = owner.request("GET", "/orgs", note="signed in: my organisations")
    orgs = sorted(set(re.findall(rf"/orgs/({GUID})", html)))
    if len(orgs) != 1 or args.organisation not in html:
        raise Failure(f"/orgs lists {orgs}, expected the one organisation {args.organisation!r}")
    org = orgs[0]
    html = owner.request("GET", f"/orgs/{org}", note="the organisation's page")
    if args.organisation not in html:
        raise Failure(f"/orgs/{org} does not show {args.organisation!r}")

    body = json.dumps({"title": "Discharge, two instances", "workProcess": "discharging a patient",
                       "roles": [{"name": n, "answers": n != "Patients", "rated": True} for n in ROLES]})
    created = api.request("POST", "/api/v1/surveys", body=body, content_type="application/json", expect=201, note="create a survey")
    survey = json.loads(created)["id"]
    here = f"/orgs/{org}/surveys/{survey}"
    html = owner.request("GET", here, note="the survey's page (draft)")
    token = antiforgery(html, f"{here}?handler=Open")
    owner.request("POST", f"{here}?handler=Open", form={"__RequestVerificationToken": token}, expect=302, location=here,
                  note="open the survey (a signed-in form)")
    html = owner.request("GET", here, note="the survey's page (open)")
    if 'class="status Open"' not in html:
        raise Failure("the survey's page does not show it open")
    html = owner.request("GET", f"{here}/share", note="its links")
    links = re.findall(r'<span class="copy">([^<]+)</span>', html)
    if not links or not re.fullmatch(re.escape(args.url) + r"/s/[0-9a-z]+", links[0]):
        raise Failure(f"the share page's first link is {links[:1]}, expected {args.url}/s/…: Host or X-Forwarded-Proto lost on the way")
    # Through the stand-in for a TLS-terminating proxy, the app takes X-Forwarded-Proto: https links.
    html = owner.request("GET", f"{here}/share", note="its links, through the https proxy", base=args.https_url)
    secure = re.findall(r'<span class="copy">([^<]+)</span>', html)
    https = "https://" + urllib.parse.urlsplit(args.https_url).netloc
    if not secure or secure[0] != https + links[0][len(args.url):]:
        raise Failure(f"behind the https proxy the first link is {secure[:1]}, expected {https}/s/…: X-Forwarded-Proto not honoured")
    listed = [s for s in json.loads(api.request("GET", "/api/v1/surveys", note="the survey's link")) if s["id"] == survey]
    if not listed or args.url + listed[0]["link"] != links[0]:
        raise Failure(f"the API's link {listed[0]['link'] if listed else None} differs from the share page's {links[0]}")
    report["org"], report["survey"], report["link"], report["here"] = org, survey, listed[0]["link"], here
    report["links"] = (links[0], secure[0])


def respondent_flow(args, phone, report):
    link = report["link"]
    html = phone.request("GET", link, note="welcome")
    roles = dict((name, rid) for rid, name in re.findall(r'name="chosenRole" value="(' + GUID + r')"[^>]*/> <span>([^<]+)</span>', html))
    if sorted(roles) != sorted(r for r in ROLES if r != "Patients"):
        raise Failure(f"the welcome page offers the roles {sorted(roles)}")
    css = re.search(r'<link rel="stylesheet" href="([^"]+)"', html)
    if not css or "body" not in phone.request("GET", css.group(1).replace("&amp;", "&"), note="its stylesheet"):
        raise Failure("the welcome page's stylesheet is missing")
    phone.request("POST", link, form={"chosenRole": roles[CHOSEN], "__RequestVerificationToken": antiforgery(html)},
                  expect=302, location=f"{link}/q/1", note=f"start as {CHOSEN}: the draft and its cookie")

    rated = None
    given = {}  # (item, role hex) -> "1".."5" | "na"
    saved_at = {}  # item -> the step that last saved its answers
    reads = []  # (step of the save, step of the read, what was checked)

    def show(n, note, verify=None):
        nonlocal rated
        html = phone.request("GET", f"{link}/q/{n}", note=note)
        names = re.findall(rf'name="q{n}\.([0-9a-f]{{32}})" value="1"', html)
        if rated is None:
            rated = names
            if len(rated) != len(ROLES):
                raise Failure(f"question 1 asks about {len(rated)} roles, expected {len(ROLES)}")
        elif names != rated:
            raise Failure(f"question {n} asks about other roles than question 1")
        if verify is not None:
            expected = {r: given[(verify, r)] for r in rated if (verify, r) in given}
            seen = checked_answers(html, verify)
            if seen != expected:
                raise Failure(f"{phone.steps[-1][0]} GET q/{n}: the page shows {seen}, the answers saved were {expected}: the draft was lost")
            reads.append((saved_at[verify], phone.steps[-1][0], f"q/{n} shows the {len(expected)} answers saved then"))
        return html

    def send(n, go, expect_location, note):
        form = {"go": go, "__RequestVerificationToken": antiforgery(last_html[0])}
        for i, r in enumerate(rated):
            form[f"q{n}.{r}"] = given[(n, r)] = answer(n, i)
        phone.request("POST", f"{link}/q/{n}", form=form, expect=302, location=expect_location, note=note)
        saved_at[n] = phone.steps[-1][0]

    last_html = [None]
    last_html[0] = show(1, "question 1")
    for n in range(1, ITEMS + 1):
        if n == ITEMS:
            send(n, "review", f"{link}/review", f"answers to question {n}, to the review")
            break
        send(n, "next", f"{link}/q/{n + 1}", f"answers to question {n} saved")
        last_html[0] = show(n + 1, f"question {n + 1} (the draft read)")
        if n == 5:
            # A reload (the same page again): from here on, each kind of request goes to the other instance.
            last_html[0] = show(n + 1, f"question {n + 1} reloaded")
        if n in (3, 6):
            # Back once: the previous page must come back with the answers saved on the other instance.
            send(n + 1, "back", f"{link}/q/{n}", f"answers to question {n + 1}, back")
            last_html[0] = show(n, f"question {n} again: saved answers shown", verify=n)
            send(n, "next", f"{link}/q/{n + 1}", f"question {n} again, next")
            last_html[0] = show(n + 1, f"question {n + 1} again: saved answers shown", verify=n + 1)

    html = phone.request("GET", f"{link}/review", note="review (the draft read)")
    if "You have answered every question." not in html or 'class="unanswered"' in html:
        raise Failure(f"{phone.steps[-1][0]} the review page does not show every question answered: {snippet(html)}")
    reads.append((phone.steps[-2][0], phone.steps[-1][0], "the review shows all 7 questions answered"))
    phone.request("POST", f"{link}/review", form={"__RequestVerificationToken": antiforgery(html)}, expect=302,
                  location=f"{link}/thanks", note="submit")
    html = phone.request("GET", f"{link}/thanks", note="thanks")
    if "Thank you!" not in html:
        raise Failure("the thanks page does not thank")
    html = phone.request("GET", link, note="the link again: already answered")
    if "You have already answered this survey on this device." not in html:
        raise Failure("the survey's link does not say it was answered on this device")
    report["rated"], report["given"], report["reads"] = rated, given, reads


def close_flow(args, owner, api, report):
    here = report["here"]
    html = owner.request("GET", here, note="the survey's page: 1 response")
    if not re.search(r"·\s*1 responses", html):
        raise Failure(f"the survey's page does not count 1 response: {snippet(html)[:200]}")
    # Submitted answers wait for a batch of the minimum group size (decision 6); closing stores them.
    waiting = psql(args, f"""SELECT (SELECT count(*) FROM "Responses" WHERE "SurveyId" = '{report["survey"]}'),
        (SELECT count(*) FROM "ResponseDrafts" WHERE "SurveyId" = '{report["survey"]}' AND "Submitted" AND "Answers" <> '{{}}'::jsonb)""")[0]
    if waiting != ["0", "1"]:
        raise Failure(f"before closing: {waiting[0]} responses stored and {waiting[1]} submitted drafts waiting, expected 0 and 1")
    report["waiting"] = waiting
    owner.request("POST", f"{here}?handler=Close", form={"__RequestVerificationToken": antiforgery(html, f"{here}?handler=Close")},
                  expect=302, location=here, note="close the survey: its answers stored")
    html = owner.request("GET", here, note="the survey's page (closed)")
    if 'class="status Closed"' not in html:
        raise Failure("the survey's page does not show it closed")
    listed = [s for s in json.loads(api.request("GET", "/api/v1/surveys", note="responses stored")) if s["id"] == report["survey"]]
    report["api_responses"] = listed[0]["responses"]


def psql(args, sql):
    out = subprocess.run([args.psql, "-h", "127.0.0.1", "-p", str(args.pg_port), "-U", "postgres", "-d", args.database,
                          "-X", "-A", "-t", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-c", sql],
                         check=True, capture_output=True, text=True, env=dict(os.environ)).stdout
    return [line.split("\t") for line in out.splitlines() if line]


def check_database(args, report):
    survey = report["survey"]
    columns = ", ".join(f"""coalesce(a."{d}"::text, 'na')""" for d in DIMENSIONS)
    rows = psql(args, f"""SELECT r."Id", role."Name", a."TargetRoleId", {columns}
        FROM "Responses" r JOIN "SurveyRoles" role ON role."Id" = r."RoleId" JOIN "Answer" a ON a."ResponseId" = r."Id"
        WHERE r."SurveyId" = '{survey}' ORDER BY a."TargetRoleId" """)
    responses = {row[0] for row in rows}
    if len(psql(args, f"""SELECT 1 FROM "Responses" WHERE "SurveyId" = '{survey}'""")) != 1 or len(responses) != 1:
        raise Failure(f"the database holds {len(responses)} responses to the survey, expected exactly 1")
    if {row[1] for row in rows} != {CHOSEN}:
        raise Failure(f"the response's role is {[row[1] for row in rows][:1]}, expected {CHOSEN}")
    stored = {row[2].replace("-", ""): row[3:] for row in rows}
    expected = {r: [report["given"][(n, r)] for n in range(1, ITEMS + 1)] for r in report["rated"]}
    if stored != expected:
        raise Failure(f"stored answers {stored} differ from the answers given {expected}")
    drafts = psql(args, f"""SELECT "Submitted", "Answers"::text FROM "ResponseDrafts" WHERE "SurveyId" = '{survey}'""")
    keys = psql(args, """SELECT count(*) FROM "DataProtectionKeys" """)[0][0]
    report["stored"] = (len(rows), drafts, keys)


def upstream_log(args, steps):
    """The nginx log of the run: by step, (method, uri, status, upstream); and the steps in the order nginx logged them."""
    lines, order = {}, []
    with open(args.log, encoding="utf-8") as log:
        for line in log:
            m = re.match(r"\S+ (\S+) (\S+) (\d+) upstream=(\S+) upstream_status=(\S+) step=(\S+)", line)
            if m:
                lines[m.group(6)] = (m.group(1), m.group(2), int(m.group(3)), m.group(4))
                order.append((m.group(6), m.group(4)))
    missing = [s for s in steps if s not in lines]
    if missing:
        raise Failure(f"steps missing from the nginx log: {missing[:5]}")
    return lines, order


def main():
    p = argparse.ArgumentParser(description=__doc__)
    for name in ["url", "https-url", "email", "password", "organisation", "token", "log", "upstreams", "psql", "pg-port", "database"]:
        p.add_argument(f"--{name}", required=True)
    p.add_argument("--app-log", action="append", default=[], help="an instance's log, checked for errors")
    args = p.parse_args()
    upstreams = args.upstreams.split(",")
    owner = Client(args.url, "owner")
    api = Client(args.url, "api", {"Authorization": f"Bearer {args.token}"})
    phone = Client(args.url, "respondent")
    report, problems = {}, []
    try:
        owner_flow(args, owner, api, report)
        respondent_flow(args, phone, report)
        close_flow(args, owner, api, report)
        check_database(args, report)
    except (Failure, urllib.error.URLError, OSError, subprocess.CalledProcessError, KeyError, ValueError) as e:
        problems.append(f"{type(e).__name__}: {e}" if not isinstance(e, Failure) else str(e))

    clients = [owner, api, phone]
    all_steps = [s for c in clients for s in c.steps]
    try:
        log, order = upstream_log(args, [s[0] for s in all_steps])
    except (Failure, OSError) as e:
        problems.append(str(e))
        log, order = {}, []
    name = {u: f"instance {i + 1} ({u})" for i, u in enumerate(upstreams)}
    short = {u: f"#{i + 1}" for i, u in enumerate(upstreams)}

    # Requests per upstream, per client.
    print()
    print("requests per instance (from the nginx log):")
    for c in clients:
        served = [log[s[0]][3] for s in c.steps if s[0] in log]
        counts = ", ".join(f"{name.get(u, u)} {served.count(u)}" for u in upstreams)
        print(f"  {c.actor:<11} {len(c.steps):>3} requests: {counts}")
        unknown = sorted(set(served) - set(upstreams))
        if unknown:
            problems.append(f"{c.actor}: requests served by {unknown}, not one of the two instances")
        if c is not api and c.steps and not all(u in served for u in upstreams):
            problems.append(f"{c.actor}: not served by both instances ({counts})")

    # The whole run in the order nginx received it: each request to the other instance than the one before.
    same = [f"{a[0]}→{b[0]}" for a, b in zip(order, order[1:]) if a[1] == b[1]]
    if same:
        problems.append(f"consecutive requests served by the same instance: {same[:5]}")

    print()
    print("the owner's requests (and the API's, with the owner's token), in order (step, request, status, instance):")
    by_step = {s[0]: s for c in (owner, api) for s in c.steps}
    for step, _ in order:
        if step in by_step:
            _, method, path, status, note = by_step[step]
            shown = re.sub(GUID, lambda m: "ORG" if m.group(0) == report.get("org") else "ID", path)
            print(f"  {step:<13}  {method:<4} {shown:<38} {status}  {short.get(log[step][3], '?')}  {note}")

    if "links" in report:
        print(f"  the survey's link on its share page: {report['links'][0]} through nginx, "
              f"{report['links'][1]} with X-Forwarded-Proto: https")

    print()
    print("the respondent's requests, in order (step, request, status, instance):")
    for step, method, path, status, note in phone.steps:
        u = log.get(step, (None, None, None, "?"))[3]
        shown = path.replace(report.get("link", "\0"), "/s/KEY")
        print(f"  {step}  {method:<4} {shown:<26} {status}  {short.get(u, u)}  {note}")
    sequence = [short.get(log[s[0]][3], "?") for s in phone.steps if s[0] in log]
    print(f"  instances in sequence: {' '.join(sequence)}")
    if any(a == b for a, b in zip(sequence, sequence[1:])):
        problems.append("the respondent's consecutive requests were not always on different instances")

    # Drafts: a save (POST of a question) on one instance, the next request reading the draft on the other.
    saves = 0
    steps = phone.steps
    for (a, am, ap, ast, _), (b, bm, bp, bst, _) in zip(steps, steps[1:]):
        if am == "POST" and "/q/" in ap and bm == "GET" and a in log and b in log and log[a][3] != log[b][3]:
            saves += 1
    print()
    print(f"draft saved on one instance, then read by the next request on the other: {saves} times; with the answers checked on the page:")
    for save, read, what in report.get("reads", []):
        if save in log and read in log:
            print(f"  {save} saved on {short[log[save][3]]}, {read} read on {short[log[read][3]]}: {what}")
            if log[save][3] == log[read][3]:
                problems.append(f"{save} and {read} were served by the same instance")
    directions = {(log[a][3], log[b][3]) for a, b, _ in report.get("reads", []) if a in log and b in log}
    if saves == 0 or len(directions) < 2:
        problems.append(f"drafts saved on one instance and read (answers checked) on the other: {sorted(directions)}, expected both ways")

    # Sign-in: the cookie issued by one instance, accepted by the other.
    owner_steps = [s for s in owner.steps if s[0] in log]
    signin = next((s for s in owner_steps if s[1] == "POST" and s[2] == "/account/signin"), None)
    if signin:
        issued = log[signin[0]][3]
        accepted = [s for s in owner_steps if s[3] < 300 and s[1] == "GET" and s[2] != "/account/signin" and log[s[0]][3] != issued]
        posted = [s for s in owner_steps if s[1] == "POST" and s[2] != "/account/signin" and log[s[0]][3] != issued]
        print()
        print(f"sign-in cookie issued by {short[issued]} ({signin[0]}); signed-in pages served by the other instance: "
              f"{len(accepted)} reads, {len(posted)} forms posted ({', '.join(s[0] for s in accepted + posted)})")
        if not accepted:
            problems.append("no signed-in page was served by the instance that did not issue the cookie")

    if "stored" in report:
        answers, drafts, keys = report["stored"]
        print()
        print("submitted: 1 draft marked submitted, waiting for a batch of the minimum group size (5); 0 responses stored before the close")
        print(f"stored (psql): 1 response to the survey, role {CHOSEN}, {answers} answers (one per rated role) × {ITEMS} items, "
              f"equal to the answers given ({list(report['given'].values()).count('na')} of them “not applicable”, stored empty); the API counts {report['api_responses']} response(s); "
              f"draft rows: {len(drafts)} (submitted={drafts[0][0] if drafts else '-'}, answers {drafts[0][1] if drafts else '-'}); "
              f"data-protection keys in the database: {keys}")
        if report["api_responses"] != 1:
            problems.append(f"the API counts {report['api_responses']} responses, expected 1")
        if len(drafts) != 1 or drafts[0] != ["t", "{}"]:
            problems.append(f"drafts of the survey: {drafts}, expected one submitted draft with its answers moved out")

    # The instances' logs: no error, but for EF Core's first look for its history table in an empty
    # database, which Npgsql logs as an error before creating the table (npgsql/efcore.pg#3407).
    print()
    for path in args.app_log:
        entries, current = [], None
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                if re.match(r"\[\d\d:\d\d:\d\d [A-Z]{3}\] ", line):
                    current = [line]
                    entries.append(current)
                elif current is not None:
                    current.append(line)
        errors = [e for e in entries if e[0][10:13] in ("ERR", "FTL")]
        known = [e for e in errors if 'FROM "__EFMigrationsHistory"' in "".join(e) and "Failed executing DbCommand" in e[0]]
        print(f"{os.path.relpath(path)}: {len(entries)} log entries, {len(errors) - len(known)} errors"
              + (f" (and {len(known)} “Failed executing DbCommand … __EFMigrationsHistory” while migrating the empty database: EF Core's expected first look, npgsql/efcore.pg#3407)" if known else ""))
        for e in errors:
            if e not in known:
                problems.append(f"{path}: {e[0].strip()} {snippet(''.join(e[1:]))[:200]}")

    print()
    bad = [f"{s[0]} {s[1]} {s[2]} {s[3]}" for c in clients for s in c.steps if s[3] >= 400 or (s[0] in log and log[s[0]][2] != s[3])]
    if bad:
        problems.append(f"requests that failed: {bad[:5]}")
    total = len(all_steps)
    if problems:
        for problem in problems:
            print(f"FAIL: {problem}")
        return 1
    print(f"PASS: {total} requests through nginx, each to the other instance than the one before; "
          "the owner's sign-in and forms and the respondent's draft moved between the two instances")
    return 0


if __name__ == "__main__":
    sys.exit(main())
