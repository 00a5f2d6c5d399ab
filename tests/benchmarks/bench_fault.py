"""Fault benchmark: 50 people via nginx on two replicas; one replica is killed and restarted."""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

from tests.benchmarks.common import Row
from tests.cluster import Cluster, nginx_binary, run_fault

PEOPLE = 50


def run() -> list[Row]:
    """Return the figures of one fault run (none, with a note, when nginx is missing)."""
    if nginx_binary() is None:
        print("bench_fault: nginx is not installed; skipped", file=sys.stderr)
        return []
    with (
        tempfile.TemporaryDirectory(prefix="bench-fault-") as folder,
        Cluster(Path(folder)) as cluster,
    ):
        report = asyncio.run(run_fault(cluster, PEOPLE))
    for error in report.other_errors[:5]:
        print(f"bench_fault: {error}", file=sys.stderr)
    return [
        Row("fault: people finished", report.finished, "n", target=f"= {PEOPLE}"),
        Row("fault: answers given", report.answers_given, "n"),
        Row("fault: answers lost", report.lost_answers, "n", target="= 0"),
        Row(
            "fault: sockets cut by the kill",
            report.cut_sockets,
            "n",
            target="only the killed replica's",
        ),
        Row("fault: people cut off", report.people_cut_off, "n", target="about half"),
        Row("fault: reloads that resumed", report.reloads, "n", target="= sockets cut"),
        Row("fault: other errors", len(report.other_errors), "n", target="= 0"),
        Row("fault: kill → everyone served again", report.seconds_until_all_served, "s"),
        Row("fault: killed replica healthy again", report.restart_seconds, "s"),
        Row("fault: whole run", report.wall_seconds, "s"),
    ]
