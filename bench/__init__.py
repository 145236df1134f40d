"""Benchmark of the addon at scale (bench/run.sh); the addon itself never imports it."""
