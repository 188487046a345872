#!/usr/bin/env python3
"""Synthetic survival data for the Cox benchmark (docs/benchmarks.md): 1,000,000 rows, 10
covariates (x3 binary, the others standard normal), exponential event times with hazard
0.001 * exp(x'beta), uniform censoring on [0, 2000], times rounded up to whole days; rows dealt to
three site files 40% / 30% / 30% (rows i with i mod 10 in 0-3, 4-6, 7-9). Seed 7.
Usage: tools/cox-benchmark-data.py DIR"""
import math
import os
import random
import sys

out = sys.argv[1] if len(sys.argv) > 1 else "."
os.makedirs(out, exist_ok=True)
random.seed(7)
n, p = 1_000_000, 10
beta = [0.3, -0.2, 0.1, 0.05, -0.1, 0.2, 0.0, 0.15, -0.05, 0.1]
files = [open(os.path.join(out, f"site{k}.csv"), "w") for k in (1, 2, 3)]
header = "time,status," + ",".join(f"x{j}" for j in range(1, p + 1)) + "\n"
for f in files:
    f.write(header)
for i in range(n):
    x = [random.gauss(0, 1) for _ in range(p)]
    x[2] = float(random.random() < 0.4)
    lp = sum(b * v for b, v in zip(beta, x))
    t = -math.log(random.random()) / (0.001 * math.exp(lp))
    c = random.random() * 2000
    time = int(min(t, c)) + 1
    status = 1 if t <= c else 0
    k = 0 if i % 10 < 4 else (1 if i % 10 < 7 else 2)
    files[k].write(f"{time},{status}," + ",".join(f"{v:.6g}" for v in x) + "\n")
for f in files:
    f.close()
