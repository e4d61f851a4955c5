#!/bin/sh
# Runs the benchmarks built in build folder $1 (default build): `make bench`.
build=${1:-build}
"$build/bench/bench_eval"
