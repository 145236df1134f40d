"""Measuring and reporting helpers of the benchmark: medians, query counts, the table."""

import math
import os
import platform
import statistics
import sys
import time
from dataclasses import dataclass
from datetime import datetime, timezone

from odoo import release

NOT_MEASURED = "n/a"


@dataclass
class Row:
    """One line of the result table."""

    figure: str
    value: str
    target: str
    ratio: str = NOT_MEASURED
    verdict: str = NOT_MEASURED  # "pass", "MISS" or "n/a"
    note: str = ""


def verdict(passed):
    return "pass" if passed else "MISS"


def log(message):
    """Progress goes to stderr: stdout holds the table only."""
    sys.stderr.write(f"[{datetime.now():%H:%M:%S}] {message}\n")
    sys.stderr.flush()


def median_seconds(function, repeat, before=None, clock=time.perf_counter):
    """Median seconds of ``function()`` over ``repeat`` runs (``before()`` untimed)."""
    return median_seconds_alternating({"only": function}, repeat, before, clock)["only"]


def median_seconds_alternating(functions, repeat, before=None, clock=time.perf_counter):
    """{name: median seconds} of each function of ``functions``, run in turn ``repeat`` times.

    Taking turns spreads the load of a shared machine evenly over the measured variants.
    ``clock`` is wall time by default; ``time.process_time`` counts this process's CPU only.
    """
    durations = {name: [] for name in functions}
    for _run in range(repeat):
        for name, function in functions.items():
            if before:
                before()
            start = clock()
            function()
            durations[name].append(clock() - start)
    return {name: statistics.median(values) for name, values in durations.items()}


def percentile(values, share):
    """The value that ``share`` (0 to 1) of ``values`` do not exceed (nearest rank)."""
    ordered = sorted(values)
    return ordered[max(1, math.ceil(share * len(ordered))) - 1]


def ratio(value, baseline):
    if not baseline:
        return NOT_MEASURED
    return f"x{value / baseline:.2f}"


def describe_machine(cr):
    """CPU, cores, memory, load and versions, as lines of text."""
    cr.execute("SHOW server_version")
    postgres = cr.fetchone()[0]
    return [
        f"date: {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC",
        f"CPU: {_cpu_model()}, {os.cpu_count()} cores ({len(os.sched_getaffinity(0))} usable)",
        f"RAM: {_memory_gib():.1f} GiB; load average at start: {load_average()}",
        f"PostgreSQL {postgres} (local socket); Odoo {release.version}; "
        + f"Python {platform.python_version()} on {platform.system()} {platform.release()}",
    ]


def load_average():
    """The 1, 5 and 15-minute load averages: other work on the machine skews the times."""
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


def _cpu_model():
    return _proc_value("/proc/cpuinfo", "model name") or platform.processor() or "unknown CPU"


def _memory_gib():
    kib = _proc_value("/proc/meminfo", "MemTotal")
    return int(kib.split()[0]) / 1024 / 1024 if kib else 0.0


def _proc_value(path, key):
    """The value of the first ``key: value`` line of a /proc file, None if unreadable."""
    try:
        with open(path, encoding="utf-8") as lines:
            for line in lines:
                name, _sep, value = line.partition(":")
                if name.strip() == key:
                    return value.strip()
    except OSError:
        return None
    return None


def format_table(rows):
    """The rows as a Markdown table, then their notes as a numbered list."""
    header = ("figure", "value", "target", "ratio vs Odoo core", "result")
    lines = [_markdown_line(header), _markdown_line(["---"] * len(header))]
    notes = []
    for row in rows:
        figure = row.figure
        if row.note:
            notes.append(row.note)
            figure = f"{figure} [{len(notes)}]"
        lines.append(_markdown_line((figure, row.value, row.target, row.ratio, row.verdict)))
    lines.append("")
    lines += [f"[{number}] {note}" for number, note in enumerate(notes, 1)]
    return "\n".join(lines)


def _markdown_line(cells):
    return "| " + " | ".join(str(cell).replace("|", "/") for cell in cells) + " |"
