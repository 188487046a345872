#!/usr/bin/env python3
"""Synthetic gaussian data for the lasso-path benchmark (docs/benchmarks.md): 1,000,000 rows, 50
predictors x_j ~ N(shift_j, (1 + j mod 5)^2) (shift 10 for every seventh column, else 0, so the
columns differ in scale and mean), y = 2 + x'beta + N(0, 2^2) with beta_j = 1/(j+1) for every third
column and 0 elsewhere; three site files of 400,000 / 350,000 / 250,000 rows. Seed 7 (numpy).
Usage: tools/lasso-benchmark-data.py DIR"""
import os
import sys

import numpy as np

out = sys.argv[1] if len(sys.argv) > 1 else "."
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(7)
p = 50
beta = np.array([1.0 / (j + 1) if j % 3 == 0 else 0.0 for j in range(p)])
scale = np.array([1 + j % 5 for j in range(p)])
shift = np.array([10 if j % 7 == 0 else 0 for j in range(p)])
header = "y," + ",".join(f"x{j + 1}" for j in range(p))
for k, n in enumerate([400_000, 350_000, 250_000], start=1):
    x = rng.standard_normal((n, p)) * scale + shift
    y = 2 + x @ beta + rng.standard_normal(n) * 2
    np.savetxt(os.path.join(out, f"site{k}.csv"), np.column_stack([y, x]), delimiter=",", fmt="%.6f",
               header=header, comments="")
