#!/usr/bin/env python3
"""Synthetic gaussian data for the lasso-path benchmark (docs/benchmarks.md): 1,000,000 rows,
50 standard-normal covariates x1..x50 with pairwise correlation 0.3 (a shared normal factor),
y = 1 + x'beta + N(0, 2^2) with 10 nonzero coefficients (x1..x10: 1, -0.8, 0.6, -0.4, 0.3,
-0.2, 0.15, -0.1, 0.05, -0.03), rows dealt to three site files 40% / 30% / 30% (rows i with
i mod 10 in 0-3, 4-6, 7-9), values with 6 significant digits. Seed 11. Needs numpy.
Usage: tools/lasso-benchmark-data.py DIR [ROWS]"""
import os
import sys

import numpy as np

out = sys.argv[1] if len(sys.argv) > 1 else "."
n = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
p = 50
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(11)
beta = np.zeros(p)
beta[:10] = [1, -0.8, 0.6, -0.4, 0.3, -0.2, 0.15, -0.1, 0.05, -0.03]
header = "y," + ",".join(f"x{j}" for j in range(1, p + 1))
files = [open(os.path.join(out, f"site{k}.csv"), "w") for k in (1, 2, 3)]
for f in files:
    f.write(header + "\n")
block = 100_000  # a multiple of 10, so the i mod 10 rule deals rows the same in every block
for start in range(0, n, block):
    m = min(block, n - start)
    factor = rng.standard_normal((m, 1))
    x = np.sqrt(0.7) * rng.standard_normal((m, p)) + np.sqrt(0.3) * factor
    y = 1 + x @ beta + 2 * rng.standard_normal(m)
    rows = np.column_stack([y, x])
    site = np.where(np.arange(start, start + m) % 10 < 4, 0, np.where(np.arange(start, start + m) % 10 < 7, 1, 2))
    for k in range(3):
        np.savetxt(files[k], rows[site == k], fmt="%.6g", delimiter=",")
for f in files:
    f.close()
