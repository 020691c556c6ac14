#!/usr/bin/env bash
# Load test of docs/benchmarks.md ("Load: respondent flow and API"): the app in Release with its own
# PostgreSQL cluster (bench-data/load/postgres) on free ports of 127.0.0.1, a bootstrap owner,
# organisation and API token; for each concurrency level and mode a new survey of 10 roles,
# created and opened through the API, then the load generator (bench/Load):
#   api         N clients each POSTing one complete response after another (a new Idempotency-Key each)
#   respondent  N phones without JavaScript answering through the pages: role link, start, 7 questions, review, submit
#   pg          the same rows per response written with Npgsql alone, one transaction each: the api's baseline
#   pg-pages    the writes of the respondent pages with Npgsql alone (draft, 7 saves, submit, response): their baseline
# Each run has a warm-up whose samples are dropped, then a measured duration. Prints one line per
# run and a markdown table; the figures are also in bench-data/load/results-*.csv.
#
# Usage: bench/load.sh [--duration 20] [--warmup 5] [--respondent-duration 40] [--respondent-warmup 30]
#                      [--concurrency "50 200 500"] [--modes "api respondent pg pg-pages"] [--pause 3] [--think-ms 0]
#                      [--repeat 1]
# --think-ms N: each phone of the respondent mode waits 0.5–1.5 × N ms before each question and the
# review, as a person reading and tapping does, each API client as long before each post, and the
# baselines as long before the same writes (default 0: the next request as soon as one ends).
# --repeat N: runs the modes of each level N times, one after the other (api, pg, api, pg, …); the
# report shows the median run and the median of the ratios of consecutive runs.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=20 warmup=5 respondent_duration=40 respondent_warmup=30 levels="50 200 500" modes="api respondent pg pg-pages" pause=3 think=0 repeat=1
while [ $# -gt 0 ]; do
  case $1 in
    --duration) duration=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --respondent-duration) respondent_duration=$2; shift 2 ;;
    --respondent-warmup) respondent_warmup=$2; shift 2 ;;
    --concurrency) levels=$2; shift 2 ;;
    --modes) modes=$2; shift 2 ;;
    --pause) pause=$2; shift 2 ;;
    --think-ms) think=$2; shift 2 ;;
    --repeat) repeat=$2; shift 2 ;;
    *) sed -n '2,21p' "$0" >&2; exit 2 ;;
  esac
done

. bench/load-env.sh
trap load_cleanup EXIT
trap 'exit 130' INT TERM
load_setup
app_start
machine_notes
csv=$load_dir/results-$(date +%Y%m%d-%H%M%S).csv
echo "runs: $warmup s warm-up, then $duration s measured (respondent mode: $respondent_warmup s, then $respondent_duration s); results in $csv"
# The app's first minutes compile its code (tiered JIT, recompiling hot code with what it
# measured): 30 s into a respondent run a profile found 17 % of the app's CPU in the JIT, after two
# minutes under 4 %. So before anything is recorded, 20 s of the api and 90 s of the pages (each
# when its mode is run): the figures are the app's sustained rate, not its first minute.
read -r id key < <(gen survey --url "$app" --token "$token" --roles 10 --title "Warm-up")
case " $modes " in *" api "*) gen api --url "$app" --token "$token" --survey "$id" --concurrency 20 --warmup 0 --duration 20 >/dev/null || true ;; esac
case " $modes " in *" respondent "*) gen respondent --url "$app" --key "$key" --concurrency 50 --warmup 0 --duration 90 >/dev/null || true ;; esac
# A database in use holds earlier surveys' responses. Tables emptied before each run made the runs
# bimodal: a connection that first plans a statement (or a foreign key's check) while a table is
# empty may keep a plan that scans the whole table, until autovacuum next analyses it — in half of
# the pg runs PostgreSQL spent its CPU in sequential scans and made a third of the rate. So a survey
# of earlier responses (about 20 s of the pg mode's writes) stays in the tables throughout.
read -r base _ < <(gen survey --url "$app" --token "$token" --roles 10 --title "Earlier responses")
psql_db -qc "DELETE FROM \"Responses\"; DELETE FROM \"ResponseDrafts\"; DELETE FROM \"IdempotentRequests\"; DELETE FROM \"Surveys\" WHERE \"Id\" <> '$base'" >/dev/null
gen pg --connection "$connection" --survey "$base" --concurrency 20 --warmup 0 --duration 20 >/dev/null
psql_db -qc "VACUUM ANALYZE" -c "CHECKPOINT" >/dev/null
echo "earlier responses in the tables: $(psql_db -tAc 'SELECT count(*) FROM "Responses"')"
for c in $levels; do
  for _ in $(seq "$repeat"); do for mode in $modes; do
    read -r id key < <(gen survey --url "$app" --token "$token" --roles 10 --title "Load $mode $c")
    run=(--concurrency "$c" --warmup "$warmup" --duration "$duration" --csv "$csv")
    # A phone's 19 requests take longer than a warm-up at high concurrency, and all phones start
    # together: the respondent mode and its baseline get a longer warm-up and window, so that whole
    # flows are measured.
    case $mode in respondent | pg-pages) run=(--concurrency "$c" --warmup "$respondent_warmup" --duration "$respondent_duration" --csv "$csv") ;; esac
    read -r app_cpu pg_cpu < <(cpu_seconds); started=$(date +%s%3N)
    case $mode in
      api) gen api --url "$app" --token "$token" --survey "$id" "${run[@]}" --think-ms "$think" ;;
      respondent) gen respondent --url "$app" --key "$key" "${run[@]}" --think-ms "$think" ;;
      pg) gen pg --connection "$connection" --survey "$id" "${run[@]}" --think-ms "$think" ;;
      pg-pages) gen pg-pages --connection "$connection" --survey "$id" "${run[@]}" --think-ms "$think" ;;
      *) echo "unknown mode $mode" >&2; exit 2 ;;
    esac || echo "$mode c=$c: no response completed" >&2
    read -r app_cpu2 pg_cpu2 < <(cpu_seconds)
    python3 -c "import sys; a0, a1, p0, p1, t0, t1 = (float(x) for x in sys.argv[1:]); a, p, s = a1 - a0, p1 - p0, (t1 - t0) / 1000; \
print(f'  CPU over the run (warm-up included, {s:.0f} s): app {a:.1f} s ({a / s:.2f} cores), PostgreSQL {p:.1f} s ({p / s:.2f} cores)')" \
      "$app_cpu" "$app_cpu2" "$pg_cpu" "$pg_cpu2" "$started" "$(date +%s%3N)"
    # Every run starts from the same tables: the rows of this one are deleted and vacuumed away, so
    # that the levels compare.
    psql_db -qc "DELETE FROM \"Responses\" WHERE \"SurveyId\" = '$id'; DELETE FROM \"ResponseDrafts\" WHERE \"SurveyId\" = '$id';
      DELETE FROM \"IdempotentRequests\" WHERE \"SurveyId\" = '$id'; DELETE FROM \"Surveys\" WHERE \"Id\" = '$id';" >/dev/null
    psql_db -qc "VACUUM ANALYZE" -c "CHECKPOINT" >/dev/null   # every run starts from the same state (load-env.sh)
    sleep "$pause"
  done; done
done
echo
if [ "$think" = 0 ]; then gen report --csv "$csv"; else gen report --csv "$csv" --paced yes; fi
