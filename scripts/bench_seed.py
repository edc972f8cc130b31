"""Seeds the benchmark board through the API: 10 columns, 5,000 cards (500 a column), 10 labels,
2 labels on every card. Prints a JSON summary (token, board, columns, cards) for the load runs.

usage: bench_seed.py BASE_URL [--cards N]
"""
import argparse
import json
import sys
import urllib.request
from concurrent.futures import ThreadPoolExecutor


def call(base, method, path, token=None, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request) as response:
        raw = response.read()
        return json.loads(raw) if raw else None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("--cards", type=int, default=5000)
    args = parser.parse_args()
    base = args.base
    session = call(base, "POST", "/api/v1/auth/signup", body={
        "email": "bench@example.com", "password": "bench-password", "name": "Bench"})
    token = session["access_token"]
    team = call(base, "GET", "/api/v1/me", token)["teams"][0]["id"]
    board = call(base, "POST", f"/api/v1/teams/{team}/boards", token,
                 {"name": "Benchmark", "columns": [f"Stage {i + 1}" for i in range(10)]})["id"]
    view = call(base, "GET", f"/api/v1/boards/{board}", token)
    columns = [c["id"] for c in view["columns"]]
    labels = [call(base, "POST", f"/api/v1/boards/{board}/labels", token,
                   {"name": f"Label {i + 1}", "color": f"#{i * 20:02x}8040"})["id"] for i in range(10)]
    cards = []
    for start in range(0, args.cards, 100):
        column = columns[(start // 100) % len(columns)]
        items = [{"profile": f"creator_{i:05d}", "platform": "instagram"} for i in range(start, min(start + 100, args.cards))]
        results = call(base, "POST", f"/api/v1/boards/{board}/cards/bulk", token,
                       {"column_id": column, "items": items})["results"]
        cards.extend(r["card_id"] for r in results)

    def label(pair):
        index, card = pair
        for offset in (0, 3):
            call(base, "PUT", f"/api/v1/cards/{card}/labels/{labels[(index + offset) % len(labels)]}", token)

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(label, enumerate(cards)))
    json.dump({"token": token, "board": board, "columns": columns, "cards": cards}, sys.stdout)


if __name__ == "__main__":
    main()
