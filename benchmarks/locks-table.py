#!/usr/bin/env python3
"""Prints the adaptive-locks ratio table from benchmarks/run-locks output (JMH JSON + #LOCKSTAT log lines)."""
import json, os, re, sys

CELLS = ["uncontended", "t2-50ns-lockbound", "t16-50ns-outside", "t16-50ns-preempted",
         "t16-50ns-lockbound", "t4-1us-outside", "t4-20us-lockbound"]
LOCKS = ["synchronized", "ReentrantLock", "ReentrantLockFair", "Adaptive", "AdaptivePortable", "TAS", "SpinThenPark"]


def load(out, cell):
    path = os.path.join(out, cell + ".json")
    if not os.path.exists(path):
        return None
    try:
        results = json.load(open(path))
    except ValueError:
        return None  # cell still running or failed: its log says why
    rows = {}
    for r in results:
        lock = r["params"]["lock"]
        sec = r.get("secondaryMetrics", {})
        ops = sec.get("ops", {}).get("score", 0.0)
        futex = sec.get("futexCalls", {}).get("score", -1.0)
        cpu = sec.get("cpuNanos", {}).get("score", 0.0)
        rows[lock] = {"thr": r["primaryMetric"]["score"], "err": r["primaryMetric"].get("scoreError", 0.0),
                      "cpu_op": cpu / ops if ops else float("nan"),
                      "futex_k": (futex / ops * 1000) if ops and futex >= 0 else None}
    log = os.path.join(out, cell + ".log")
    if os.path.exists(log):
        for m in re.finditer(r"#LOCKSTAT lock=(\S+) .*? p99AcquireNs=(\d+)", open(log).read()):
            if m.group(1) in rows:
                rows[m.group(1)]["p99"] = int(m.group(2))
        for m in re.finditer(r"#LOCKINFO lock=(\S+) describe=(.*?) futex=(.*?) nsPerToken", open(log).read()):
            if m.group(1) in rows:
                rows[m.group(1)]["describe"] = m.group(2)
                rows[m.group(1)]["futex_src"] = m.group(3)
    return rows


def fmt(x, spec):
    return "n/a" if x is None or x != x else format(x, spec)


def main(out):
    data = {c: load(out, c) for c in CELLS}
    print("| case | lock | ops/s | vs ReentrantLock | CPU ns/op | futex/1k ops | p99 acquire ns |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for c in CELLS:
        rows = data[c]
        if not rows:
            continue
        base = rows.get("ReentrantLock", {}).get("thr")
        for lock in LOCKS:
            r = rows.get(lock)
            if not r:
                continue
            ratio = r["thr"] / base if base else None
            print(f"| {c} | {lock} | {r['thr']:,.0f} | {fmt(ratio, '.2f')} | {fmt(r['cpu_op'], ',.0f')} | "
                  f"{fmt(r['futex_k'], '.2f')} | {r.get('p99', 'n/a')} |")
    print()
    for c in CELLS:
        rows = data[c]
        if rows and "Adaptive" in rows:
            print(f"{c}: Adaptive = {rows['Adaptive'].get('describe', '?')}; futex counts: {rows['Adaptive'].get('futex_src', '?')}")
    load_file = os.path.join(out, "load.txt")
    if os.path.exists(load_file):
        print()
        print("Load average (1 min, 5 min, 15 min, runnable/total) around each cell:")
        for line in open(load_file):
            print("- " + line.strip())
    print()
    goals(data)


def ratio(data, cell, a, b, key="thr"):
    rows = data.get(cell) or {}
    if a not in rows or b not in rows or not rows[b][key]:
        return None
    if rows[a][key] is None or rows[b][key] is None:
        return None
    return rows[a][key] / rows[b][key]


def goals(data):
    checks = [
        ("2 threads ~50 ns lock-bound: >= 1.6x ReentrantLock", "t2-50ns-lockbound", "ReentrantLock", "thr", 1.6, True),
        ("2 threads ~50 ns lock-bound: >= 1.0x synchronized", "t2-50ns-lockbound", "synchronized", "thr", 1.0, True),
        ("2 threads ~50 ns lock-bound: futex <= 10% of ReentrantLock's", "t2-50ns-lockbound", "ReentrantLock", "futex_k", 0.10, False),
        ("16 threads ~50 ns + outside: >= 1.3x ReentrantLock", "t16-50ns-outside", "ReentrantLock", "thr", 1.3, True),
        ("16 threads ~50 ns + outside: >= 1.1x spin-then-park", "t16-50ns-outside", "SpinThenPark", "thr", 1.1, True),
        ("owner preempted (hog): >= 1.3x ReentrantLock", "t16-50ns-preempted", "ReentrantLock", "thr", 1.3, True),
        ("owner preempted (hog): >= 1.1x spin-then-park", "t16-50ns-preempted", "SpinThenPark", "thr", 1.1, True),
        ("16 threads lock-bound: >= 0.8x ReentrantLock", "t16-50ns-lockbound", "ReentrantLock", "thr", 0.8, True),
        ("~20 us: throughput within 5% of ReentrantLock", "t4-20us-lockbound", "ReentrantLock", "thr", 0.95, True),
        ("~20 us: CPU per op <= 1.2x ReentrantLock", "t4-20us-lockbound", "ReentrantLock", "cpu_op", 1.2, False),
        ("1 thread: within 10% of ReentrantLock", "uncontended", "ReentrantLock", "thr", 0.90, True),
    ]
    print("| goal | measured | met |")
    print("|---|---:|---|")
    for text, cell, peer, key, bound, at_least in checks:
        r = ratio(data, cell, "Adaptive", peer, key)
        if r is None:
            print(f"| {text} | not measured | - |")
            continue
        ok = r >= bound if at_least else r <= bound
        print(f"| {text} | {r:.2f}x | {'yes' if ok else 'NO'} |")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "benchmarks/target/run-locks")
