"""Times `rc score` (the native executable) and the R data.table pipeline (bench/score.R) side by
side on the same files, runs interleaved so that the machine's drift touches both alike, and
checks that both write the same results. Standard library only.

Usage: python3 bench/versus_r.py RC_EXECUTABLE RUNS FILE [FILE ...]
Prints a Markdown table: per file, the median and range of each tool's wall-clock time, its peak
resident memory, the ratio of the medians, and the floor (a bare pass over the bytes: wc -l)."""
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def run(command):
    """Wall-clock seconds and peak resident memory (MB) of one command, its output discarded."""
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    errors = child.stderr.read().decode()
    child.stderr.close()
    if status != 0:
        sys.exit(f"{' '.join(command)} failed: {errors}")
    return seconds, usage.ru_maxrss / 1024


def describe(times):
    return f"{statistics.median(times):.3f} s ({min(times):.3f}–{max(times):.3f})"


def main(rc, runs, files):
    print("| file | observations | size | rc score: median (range) | rc peak memory | R data.table: median (range) | R peak memory | R ÷ rc | bare pass (wc -l) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for path in files:
        rc_out, r_out = f"{path}.rc-out", f"{path}.r-out"
        rc_command = [rc, "score", path, "--out", rc_out]
        r_command = ["Rscript", os.path.join(HERE, "score.R"), path, r_out]
        run(rc_command)  # warm the page cache and both tools once
        run(r_command)
        rc_times, r_times, rc_peak, r_peak, floor = [], [], 0.0, 0.0, []
        for _ in range(runs):
            seconds, peak = run(rc_command)
            rc_times.append(seconds)
            rc_peak = max(rc_peak, peak)
            seconds, peak = run(r_command)
            r_times.append(seconds)
            r_peak = max(r_peak, peak)
            floor.append(run(["wc", "-l", path])[0])
        same = subprocess.run([sys.executable, os.path.join(HERE, "same_results.py"), rc_out, r_out], capture_output=True, text=True)
        if same.returncode != 0:
            sys.exit(f"{path}: rc and R disagree: {same.stdout}{same.stderr}")
        with open(path, "rb") as f:
            observations = sum(1 for _ in f) - 1
        ratio = statistics.median(r_times) / statistics.median(rc_times)
        print(f"| {os.path.basename(path)} | {observations:,} | {os.path.getsize(path) / 1e6:.0f} MB | {describe(rc_times)} | {rc_peak:.0f} MB "
              f"| {describe(r_times)} | {r_peak:.0f} MB | **{ratio:.1f}×** | {statistics.median(floor) * 1000:.0f} ms |")
        print(f"<!-- {path}: {same.stdout.strip()} -->")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3:])
