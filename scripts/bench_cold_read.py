"""Times whole-board reads right after a change (so never served from the revision cache):
moves a random card, then reads the board; prints the median and the slowest of 30 reads.

usage: bench_cold_read.py BASE_URL SEED_JSON
"""
import json
import random
import statistics
import sys
import time
import urllib.request


def call(base, method, path, token, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method)
    request.add_header("Authorization", f"Bearer {token}")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request) as response:
        return response.read()


def main():
    base, seed = sys.argv[1], json.load(open(sys.argv[2]))
    token, board = seed["token"], seed["board"]
    timings = []
    for _ in range(30):
        card = random.choice(seed["cards"])
        call(base, "POST", f"/api/v1/cards/{card}/move", token, {"column_id": random.choice(seed["columns"])})
        start = time.perf_counter()
        call(base, "GET", f"/api/v1/boards/{board}", token)
        timings.append((time.perf_counter() - start) * 1000)
    print(f"== board read right after a change (not cached), 30 reads: "
          f"median {statistics.median(timings):.1f} ms, slowest {max(timings):.1f} ms")


if __name__ == "__main__":
    main()
