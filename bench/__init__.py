"""Benchmarks of Kansenkaart CE against a naive Dash map, and the synthetic data generator.

Nothing here is shipped or tested: `python -m bench.run` measures and writes docs/performance.md.
"""
