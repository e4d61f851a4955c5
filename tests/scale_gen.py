#!/usr/bin/env python3
"""Writes a scenario of P platforms and W workloads for tests/scale.sh.

usage: scale_gen.py DIR PLATFORMS WORKLOADS [PER_FILE]

DIR/scale.yaml holds the assumptions, the workloads and an include of
DIR/bids/*.yaml, each file PER_FILE platforms (default 100: a file of
1,000 platforms would pass the 200,000-event limit). Platforms cycle
through the three pricing forms; workloads through four shapes (model and
sequence lengths) and a few SLOs, so every platform covers every workload
with one curve per shape. Shares are equal; the last takes the rounding.
"""
import os
import sys

SHAPES = [(1024, 1024), (1024, 8192), (8192, 1024), (2048, 512)]


def workloads(n):
    out = ["workloads:"]
    share = round(1.0 / n, 12)
    for w in range(n):
        isl, osl = SHAPES[w % len(SHAPES)]
        s = share if w < n - 1 else round(1.0 - share * (n - 1), 12)
        out.append("  - {id: w%d, name: \"Workload %d\", model: m, isl: %d, osl: %d, "
                   "share: %.12g, min_interactivity: %d}" % (w, w, isl, osl, s, 10 + (w % 5) * 5))
    return out


def pricing(p):
    kind = p % 3
    if kind == 0:
        return ["    pricing:", "      cloud: {gpu_hour: %.4f, annual_change: -0.05}"
                % (1.0 + (p % 97) * 0.013)]
    if kind == 1:
        return ["    pricing:", "      owned: {capex_per_node: %.0f, maintenance_rate: 0.04, "
                "residual_value: 0.1}" % (250000 + (p % 89) * 1700)]
    return ["    pricing:", "      api: {input_per_m: %.3f, output_per_m: %.3f}"
            % (0.2 + (p % 31) * 0.01, 1.0 + (p % 37) * 0.03)]


def platform(p):
    out = ["  - id: p%d" % p, "    name: \"Platform %d\"" % p, "    vendor: \"Vendor %d\"" % (p % 50)]
    out += pricing(p)
    if p % 3 == 2:
        return out
    out += ["    gpus_per_node: 8", "    power_kw_per_gpu: %.3f" % (1.2 + (p % 13) * 0.05),
            "    peak_pflops: %.2f" % (2 + (p % 11) * 0.5)]
    out.append("    performance:")
    scale = 1.0 + (p % 17) * 0.1
    for isl, osl in SHAPES:
        f = 1024.0 / max(isl, osl)
        out.append("      - {model: m, isl: %d, osl: %d, points: [" % (isl, osl)
                   + ", ".join("{interactivity: %d, throughput: %.0f}" % (x, t * scale * f)
                               for x, t in ((5, 3000), (25, 1500), (60, 500))) + "]}")
    return out


def main():
    d, n_p, n_w = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    per = int(sys.argv[4]) if len(sys.argv) > 4 else 100
    os.makedirs(os.path.join(d, "bids"), exist_ok=True)
    head = ["scenario:", "  title: \"Scale: %d platforms, %d workloads\"" % (n_p, n_w),
            "  date: 2026-11-21", "  baseline: p0",
            "assumptions:", "  horizon_years: 5", "  utilization: 0.6",
            "demand:", "  tokens_per_day: 1.0e10", "  growth: 0.3",
            "analysis:", "  sensitivity: {swing: 0.2}"]
    with open(os.path.join(d, "scale.yaml"), "w") as f:
        f.write("\n".join(head + workloads(n_w) + ["include:", "  - bids/*.yaml"]) + "\n")
    for k in range(0, n_p, per):
        with open(os.path.join(d, "bids", "b%04d.yaml" % (k // per)), "w") as f:
            lines = ["platforms:"]
            for p in range(k, min(n_p, k + per)):
                lines += platform(p)
            f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
