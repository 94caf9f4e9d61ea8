"""Figures: one JSON line each, and the statistics behind them."""

import json
import math
import statistics
import sys


def percentile(values, fraction):
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = max(0, math.ceil(fraction * len(ordered)) - 1)
    return ordered[index]


def median(values):
    return statistics.median(values) if values else 0.0


def figure(name, value, unit, size, compared_with=None, baseline=None, out=sys.stdout):
    """Print one figure; `ratio` is value / baseline when there is something to compare with."""
    ratio = None
    if compared_with is not None and baseline:
        ratio = round(value / baseline, 3)
    line = {
        "name": name,
        "value": round(value, 3) if isinstance(value, float) else value,
        "unit": unit,
        "size": size,
        "compared_with": compared_with,
        "ratio": ratio,
    }
    out.write(json.dumps(line) + "\n")
    out.flush()
    return line
