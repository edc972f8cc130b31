#!/usr/bin/env python3
"""Writes the benchmark's contact list: ../shared/tools/gen-contacts.py's messy Mailchimp-shaped
export (about 1 % duplicates, some invalid rows, quoted commas and newlines), with MATCHES of its
addresses replaced by network creators' (`creator-1-N@network.example`, what `rapport
seed-network` makes with seed 1), so matching has work to do.

usage: bench_contacts.py GEN_CONTACTS OUT_DIR --contacts N --network M --matches K
"""
import argparse, csv, os, random, subprocess, sys

ap = argparse.ArgumentParser()
ap.add_argument("gen")
ap.add_argument("out")
ap.add_argument("--contacts", type=int, default=1_000_000)
ap.add_argument("--network", type=int, default=100_000)
ap.add_argument("--matches", type=int, default=20_000)
a = ap.parse_args()
os.makedirs(a.out, exist_ok=True)
subprocess.run([sys.executable, a.gen, a.out, "--contacts", str(a.contacts), "--creators", "10",
                "--overlap", "10"], check=True, stdout=subprocess.DEVNULL)
random.seed(3)
chosen = set(random.sample(range(a.contacts), a.matches))
network = random.sample(range(a.network), a.matches)
source = os.path.join(a.out, "contacts.csv")
target = os.path.join(a.out, "list.csv")
with open(source, newline="") as f, open(target, "w", newline="") as out:
    reader, writer = csv.reader(f), csv.writer(out)
    writer.writerow(next(reader))
    n = 0
    for row in reader:
        if row and row[0] != "not-an-email" and n in chosen:
            row[0] = f"creator-1-{network.pop()}@network.example"
        writer.writerow(row)
        n += 1
print(target)
