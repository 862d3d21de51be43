#!/usr/bin/env python3
"""Helper of bench/run-chat.sh (a benchmark, not a test); standard library only.

  stamp                   copy stdin to stdout line by line, each line prefixed with its arrival time
                          (epoch ms, 3 decimals) and flushed: the receivers' `actorstream chat --json` output
                          goes through it, so arrival is stamped by the same machine clock the senders use.
  lines TAG SENDER COUNT [--rate R] [--go FILE]
                          the text a sender pipes into `actorstream chat send -`: first one warm-up line
                          ("bench TAG-warm s=SENDER"), then, once FILE exists (the bench creates it when every
                          receiver has seen every sender's warm-up line: all are connected), COUNT lines
                          "bench TAG s=SENDER i=I t=MS", MS the epoch ms at which the line is written; paced at R
                          lines per second when given (each flushed), else as fast as the pipe takes them.
  analyze TAG SENDERS COUNT FILE...
                          reads the stamped receiver files, prints key=value lines: per receiver the messages of
                          TAG received, duplicates, order faults; latencies send -> arrival (ms, every receiver,
                          every message); the seed's own timestamps of the first and last message (persist rate).
  last-sequence FILE...   the highest chat sequence number seen in `chat ... --json` output files.
"""
import json
import math
import os
import re
import sys
import time
from datetime import datetime


def now_ms():
    return time.time_ns() / 1e6


def stamp():
    out = sys.stdout
    for line in sys.stdin:
        out.write(f"{now_ms():.3f} {line}")
        out.flush()


def lines(tag, sender, count, rate=None, go=None):
    out = sys.stdout
    out.write(f"bench {tag}-warm s={sender}\n")
    out.flush()
    if go:
        while not os.path.exists(go):
            time.sleep(0.01)
    start = time.monotonic()
    for i in range(count):
        if rate:
            # Paced against the start, not the previous line: a late line does not push the rest back.
            delay = start + i / rate - time.monotonic()
            if delay > 0:
                time.sleep(delay)
        out.write(f"bench {tag} s={sender} i={i} t={now_ms():.3f}\n")
        if rate:
            out.flush()
    out.flush()


MESSAGE = re.compile(r"^bench (\S+) s=(\d+) i=(\d+) t=([0-9.]+)$")


def events(path):
    """(arrival ms, event dict) for every JSON event line of one stamped receiver file."""
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            stamp_text, _, rest = line.partition(" ")
            try:
                arrival = float(stamp_text)
                obj = json.loads(rest)
            except ValueError:
                continue
            if isinstance(obj, dict) and obj.get("type") == "event":
                yield arrival, obj


def seed_ms(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp() * 1000


def percentile(sorted_values, p):
    """Nearest rank."""
    if not sorted_values:
        return float("nan")
    return sorted_values[max(0, math.ceil(p / 100 * len(sorted_values)) - 1)]


def analyze(tag, senders, count, files):
    expected = senders * count
    latencies = []
    first_seed = last_seed = None
    first_arrival = last_arrival = None
    first_sent = None
    for n, path in enumerate(files, 1):
        seen = set()
        duplicates = order_faults = 0
        last_i = {}
        last_sequence = 0
        for arrival, e in events(path):
            m = MESSAGE.match(e.get("text") or "")
            if not m or m.group(1) != tag or e.get("kind") != "message":
                continue
            sender, i, sent = int(m.group(2)), int(m.group(3)), float(m.group(4))
            key = (sender, i)
            if key in seen:
                duplicates += 1
                continue
            seen.add(key)
            sequence = int(e.get("sequence", 0))
            if sequence <= last_sequence or i <= last_i.get(sender, -1):
                order_faults += 1
            last_sequence = max(last_sequence, sequence)
            last_i[sender] = max(i, last_i.get(sender, -1))
            latencies.append(arrival - sent)
            first_sent = sent if first_sent is None else min(first_sent, sent)
            first_arrival = arrival if first_arrival is None else min(first_arrival, arrival)
            last_arrival = arrival if last_arrival is None else max(last_arrival, arrival)
            if e.get("time"):
                t = seed_ms(e["time"])
                first_seed = t if first_seed is None else min(first_seed, t)
                last_seed = t if last_seed is None else max(last_seed, t)
        print(f"receiver{n}=received {len(seen)}/{expected} duplicates {duplicates} order-faults {order_faults}")
        print(f"receiver{n}_missing={expected - len(seen)}")
    latencies.sort()
    print(f"samples={len(latencies)}")
    for p in (50, 90, 99):
        print(f"p{p}={percentile(latencies, p):.1f}")
    print(f"min={latencies[0] if latencies else float('nan'):.1f}")
    print(f"max={latencies[-1] if latencies else float('nan'):.1f}")
    if first_seed is not None and last_seed > first_seed:
        print(f"seed_span_ms={last_seed - first_seed:.0f}")
        print(f"persisted_per_s={(expected - 1) * 1000 / (last_seed - first_seed):.0f}")
    if first_sent is not None and last_arrival > first_sent:
        print(f"delivered_span_ms={last_arrival - first_sent:.0f}")
        print(f"delivered_per_s={expected * 1000 / (last_arrival - first_sent):.0f}")


def last_sequence(files):
    best = 0
    for path in files:
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                for m in re.finditer(r'"sequence":\s*(\d+)', line):
                    best = max(best, int(m.group(1)))
    print(best)


def main(argv):
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    cmd, args = argv[0], argv[1:]
    if cmd == "stamp":
        stamp()
    elif cmd == "lines":
        rate = go = None
        if "--rate" in args:
            k = args.index("--rate"); rate = float(args[k + 1]); del args[k:k + 2]
        if "--go" in args:
            k = args.index("--go"); go = args[k + 1]; del args[k:k + 2]
        lines(args[0], int(args[1]), int(args[2]), rate, go)
    elif cmd == "analyze":
        analyze(args[0], int(args[1]), int(args[2]), args[3:])
    elif cmd == "last-sequence":
        last_sequence(args)
    else:
        print(f"unknown command {cmd}\n{__doc__}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except BrokenPipeError:
        sys.exit(1)
