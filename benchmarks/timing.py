"""Timing helpers: repeat a call, count its queries, summarise."""

import statistics
import time

from django.db import connection
from django.test.utils import CaptureQueriesContext

from .stats import median, percentile


class Sample:
    def __init__(self):
        self.ms, self.queries = [], []

    @property
    def median_ms(self):
        return median(self.ms)

    @property
    def p95_ms(self):
        return percentile(self.ms, 0.95)

    @property
    def typical_queries(self):
        """The number of queries most runs made."""
        return statistics.mode(self.queries) if self.queries else 0

    @property
    def max_queries(self):
        return max(self.queries) if self.queries else 0


def measure(call, repeat, warmup=1):
    """Run `call()` warmup + repeat times; time and count the queries of the measured runs."""
    for _ in range(warmup):
        call()
    sample = Sample()
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            call()
            elapsed = time.perf_counter() - started
        sample.ms.append(elapsed * 1000)
        sample.queries.append(len(captured.captured_queries))
    return sample


def alternate(first, second, repeat, warmup=1, budget=120.0, at_least=8):
    """Measure two calls taking turns, so a busy moment of the machine hits both alike.

    Stops early once `budget` seconds have gone and `at_least` turns are done."""
    for _ in range(warmup):
        first()
        second()
    samples = Sample(), Sample()
    started = time.perf_counter()
    for turn in range(repeat):
        if turn >= at_least and time.perf_counter() - started > budget:
            break
        for call, sample in zip((first, second), samples, strict=True):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                call()
                elapsed = time.perf_counter() - started
            sample.ms.append(elapsed * 1000)
            sample.queries.append(len(captured.captured_queries))
    return samples


def each(calls):
    """Time a list of distinct calls once each (e.g. one per person)."""
    sample = Sample()
    for call in calls:
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            call()
            elapsed = time.perf_counter() - started
        sample.ms.append(elapsed * 1000)
        sample.queries.append(len(captured.captured_queries))
    return sample
