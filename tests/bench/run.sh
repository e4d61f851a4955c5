#!/bin/sh
# Runs the benchmarks built in build folder $1 (default build): `make bench`.
set -e
build=${1:-build}
"$build/bench/bench_eval"
"$build/bench/bench_analysis"
