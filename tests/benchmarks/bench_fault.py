"""Fault benchmark: PEOPLE via nginx on two replicas; one replica is killed and restarted.

Each person answers every page of the newest bank's short form (bank v3: 86 questions on 14
pages, tests/cluster.py). Twice: once the people whose socket is cut reload the page; once their
tabs reconnect by themselves without a reload and the click they were making is sent to the new
session. BENCH_QUICK=1: 10 people, not 50.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

from tests.benchmarks.common import Row, effort
from tests.cluster import Cluster, nginx_binary, run_fault

PEOPLE = effort(50, 10)


def run() -> list[Row]:
    """Return the figures of one fault run (none, with a note, when nginx is missing)."""
    if nginx_binary() is None:
        print("bench_fault: nginx is not installed; skipped", file=sys.stderr)
        return []
    rows: list[Row] = []
    for reload, label in ((True, "fault"), (False, "fault, no reload")):
        with (
            tempfile.TemporaryDirectory(prefix="bench-fault-") as folder,
            Cluster(Path(folder)) as cluster,
        ):
            report = asyncio.run(run_fault(cluster, PEOPLE, reload=reload))
        for error in report.other_errors[:5]:
            print(f"bench_fault ({label}): {error}", file=sys.stderr)
        resumed = report.reloads if reload else report.reconnects
        rows += [
            Row(f"{label}: people finished", report.finished, "n", target=f"= {PEOPLE}"),
            Row(f"{label}: answers given", report.answers_given, "n"),
            Row(f"{label}: answers lost", report.lost_answers, "n", target="= 0"),
            Row(
                f"{label}: sockets cut by the kill",
                report.cut_sockets,
                "n",
                target="only the killed replica's",
            ),
            Row(f"{label}: people cut off", report.people_cut_off, "n", target="about half"),
            Row(
                f"{label}: {'reloads' if reload else 'reconnects'} that resumed",
                resumed,
                "n",
                target="= sockets cut",
            ),
            Row(f"{label}: other errors", len(report.other_errors), "n", target="= 0"),
            Row(f"{label}: kill → everyone served again", report.seconds_until_all_served, "s"),
            Row(f"{label}: killed replica healthy again", report.restart_seconds, "s"),
            Row(f"{label}: whole run", report.wall_seconds, "s"),
        ]
    return rows
