"""A small HTTP load generator: threads and http.client, bounded in requests and in time.

Run as its own process (`python -m benchmarks.load`) so that the server under test and the
load come from different processes, as on a real network, here over loopback. It prints one
JSON object: requests, errors, requests per second, median and p99 latency in milliseconds.
"""

import argparse
import http.client
import json
import sys
import threading
import time

from .stats import median, percentile


def worker(host, port, paths, headers, offset, deadline, budget, results, lock):
    latencies, errors, statuses = [], 0, {}
    index = offset
    while time.perf_counter() < deadline:
        with lock:
            if budget[0] <= 0:
                break
            budget[0] -= 1
        path = paths[index % len(paths)]
        index += 1
        started = time.perf_counter()
        try:
            connection = http.client.HTTPConnection(host, port, timeout=10)
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            connection.close()
            statuses[response.status] = statuses.get(response.status, 0) + 1
            if response.status >= 500:
                errors += 1
        except OSError:
            errors += 1
            continue
        latencies.append((time.perf_counter() - started) * 1000)
    with lock:
        results["latencies"].extend(latencies)
        results["errors"] += errors
        for status, count in statuses.items():
            results["statuses"][str(status)] = results["statuses"].get(str(status), 0) + count


def run(host, port, paths, headers, threads, duration, max_requests, warmup):
    if warmup:
        run(host, port, paths, headers, threads, warmup, max_requests, 0)
    results = {"latencies": [], "errors": 0, "statuses": {}}
    lock = threading.Lock()
    budget = [max_requests]
    started = time.perf_counter()
    deadline = started + duration
    pool = [
        threading.Thread(
            target=worker,
            args=(host, port, paths, headers, n * 997, deadline, budget, results, lock),
        )
        for n in range(threads)
    ]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies = results["latencies"]
    return {
        "requests": len(latencies),
        "errors": results["errors"],
        "statuses": results["statuses"],
        "seconds": round(elapsed, 3),
        "rps": round(len(latencies) / elapsed, 1) if elapsed else 0.0,
        "p50_ms": round(median(latencies), 2),
        "p99_ms": round(percentile(latencies, 0.99), 2),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--paths", required=True, help="A file with one path per line.")
    parser.add_argument("--header", action="append", default=[], help="'Name: value'")
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--duration", type=float, default=10.0, help="Seconds, at most.")
    parser.add_argument("--max-requests", type=int, default=50_000)
    parser.add_argument("--warmup", type=float, default=2.0, help="Seconds before measuring.")
    args = parser.parse_args(argv)
    with open(args.paths, encoding="utf-8") as handle:
        paths = [line.strip() for line in handle if line.strip()]
    headers = dict(line.split(": ", 1) for line in args.header)
    result = run(
        args.host, args.port, paths, headers, args.threads, args.duration, args.max_requests,
        args.warmup,
    )  # fmt: skip
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
