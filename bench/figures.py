"""What every benchmark prints: percentiles of timings, in milliseconds."""

from __future__ import annotations


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` (0 to 1) of `values` fall: the nearest rank, no
    interpolation, so a printed p95 is a time one request really took."""
    ordered = sorted(values)
    return ordered[min(int(len(ordered) * share), len(ordered) - 1)]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"
