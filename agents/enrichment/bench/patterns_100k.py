"""Benchmark: POST /v1/patterns over 100,000 synthetic leads through the real agent (HTTP on 127.0.0.1), target
at most 5 s per call. Prints the wall time of each run (JSON parse and validation, cells, the model with 5-fold
cross-validation), the machine's load, and whether the planted pattern was found.

Run: agents/.venv/bin/python agents/enrichment/bench/patterns_100k.py [leads] [runs]   (npm run bench -- patterns)"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from salesos_enrichment.config import Settings  # noqa: E402
from tests.support.agent_server import AgentServer  # noqa: E402
from tests.support.synthetic import leads  # noqa: E402

TARGET_S = 5.0


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    body = json.dumps({"leads": leads(count), "goal": "replied", "minSupport": 30}).encode()
    agent = AgentServer(Settings())
    times = []
    try:
        for _ in range(runs):
            started = time.perf_counter()
            r = agent.client.post("/v1/patterns", content=body, headers={"content-type": "application/json"}, timeout=120)
            times.append(time.perf_counter() - started)
            r.raise_for_status()
        answer = r.json()
    finally:
        agent.close()
    top = {(c["attribute"], c["value"]) for c in answer["patterns"][0]["conditions"]}
    found = top == {("industry", "fintech"), ("seniority", "c_level"), ("country", "Germany")}
    best = min(times)
    print(f"patterns over {count} leads ({len(body) / 1e6:.1f} MB of JSON), {runs} runs over HTTP: "
          f"best {best:.2f} s, median {sorted(times)[len(times) // 2]:.2f} s, worst {max(times):.2f} s (target ≤ {TARGET_S:.0f} s)")
    model = answer["model"]
    print(f"cells tested {answer['testedCells']}, model AUC {model['auc']:.3f} vs static {model['staticScoreAuc']:.3f}, "
          f"planted pattern first: {found}")
    print(f"load average {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f} on {os.cpu_count()} cores")
    return 0 if found and best <= TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
