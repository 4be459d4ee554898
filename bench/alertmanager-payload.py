#!/usr/bin/env python3
"""Times `opsbook new incident --from-alertmanager` on generated webhook payloads of
growing size (bench/README.md, "Alertmanager payloads"): N firing alerts, each with its
own name, summary, runbook and component, which is the most work per alert.

    python3 bench/alertmanager-payload.py [--opsbook target/release/opsbook] [--sizes 1000,4000]
"""
import argparse
import json
import os
import subprocess
import tempfile
import time


def payload(n):
    alerts = []
    for i in range(n):
        alerts.append({
            "status": "firing",
            "labels": {"alertname": f"Alert{i}", "component": f"c{i % 50}", "severity": "critical" if i % 3 else "warning"},
            "annotations": {"summary": f"Alert number {i} is firing", "runbook_url": f"https://ops.example.org/alerts/Alert{i}/"},
            "startsAt": "2026-11-15T09:%02d:00Z" % (i % 60),
            "fingerprint": f"{i:016x}",
        })
    return {"version": "4", "status": "firing", "groupKey": "{}:{alertname=\"bench\"}", "alerts": alerts,
            "commonAnnotations": {"summary": "Bench alerts"}, "commonLabels": {}}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--opsbook", default="target/release/opsbook")
    parser.add_argument("--sizes", default="1000,2000,4000,8000,16000")
    args = parser.parse_args()
    binary = os.path.abspath(args.opsbook)
    for n in [int(s) for s in args.sizes.split(",")]:
        with tempfile.TemporaryDirectory() as root:
            os.makedirs(os.path.join(root, "content", "templates"))
            with open(os.path.join(root, "book.toml"), "w") as f:
                f.write('[handbook]\ntitle = "Bench"\n\n[status]\ncomponent-label = "component"\ncomponents = [\n')
                for c in range(50):
                    f.write(f'  {{ id = "c{c}", name = "C{c}" }},\n')
                f.write("]\n")
            with open(os.path.join(root, "content", "_index.md"), "w") as f:
                f.write("# Home\n")
            with open(os.path.join(root, "content", "templates", "incident.md"), "w") as f:
                f.write("---\nkind: template\ntemplate_for: incident\nstatus: investigating\nstarted_at: 2026-01-01T00:00:00Z\ncomponents: {}\nupdates: []\n---\nWhat customers see.\n")
            path = os.path.join(root, "payload.json")
            with open(path, "w") as f:
                json.dump(payload(n), f)
            size = os.path.getsize(path)
            start = time.monotonic()
            run = subprocess.run([binary, "new", "incident", "--from-alertmanager", path], cwd=root,
                                 capture_output=True, text=True)
            took = time.monotonic() - start
            ok = "ok" if run.returncode == 0 else f"exit {run.returncode}: {run.stderr.strip()[:200]}"
            print(f"{n:>7} alerts {size / 1e6:6.1f} MB {took:8.2f} s  {ok}", flush=True)


if __name__ == "__main__":
    main()
