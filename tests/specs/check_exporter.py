"""Checks what statuspage-prometheus-exporter read from a built fixture's summary.json.

Usage: check_exporter.py METRICS.prom [unknown]

With `unknown`, the metrics are of tests/fixtures/status-measured built --offline
without an earlier health.json (see below); else of tests/fixtures/status-basic:

The exporter polled /status/api/v2/summary.json of tests/fixtures/status-basic built at
2026-11-15T12:00:00Z and wrote Prometheus metrics; they must show what the fixture
says: the page not operational, the Public API in partial outage (and so its group
"Core", which Statuspage's summary.json lists as a component too) and the other three
components operational, the one unresolved incident with its impact and component,
the upcoming maintenance, and a successful probe.
"""

import re
import sys

LINE = re.compile(r'^(?P<name>[a-z_]+)(\{(?P<labels>.*)\})? (?P<value>\S+)$')
LABEL = re.compile(r'(\w+)="((?:[^"\\]|\\.)*)"')


def read(path):
    metrics = []
    for line in open(path, encoding="utf-8"):
        match = LINE.match(line.strip())
        if match and not line.startswith("#"):
            labels = dict(LABEL.findall(match["labels"] or ""))
            metrics.append((match["name"], labels, float(match["value"])))
    return metrics


def check_unknown(metrics, expect, values):
    """tests/fixtures/status-measured, nothing measured: the page and its two measured
    components (and their group, "Edge") must not have the operational value 1; DNS,
    without checks, is operational."""
    expect("the probe succeeded", values("statuspage_probe_check", service_name="Nimbus") == [1.0])
    expect("the page is not operational (nothing is known)",
           values("statuspage_service_status", service_name="Nimbus") == [0.0])
    components = {l["component_name"]: v for n, l, v in metrics if n == "statuspage_component_status"}
    expect(f"component states read: {components}",
           components == {"Edge": 0.0, "CDN": 0.0, "Object storage": 0.0, "DNS": 1.0})
    return f"{len(components)} components, the unknown ones not operational"


def main():
    metrics = read(sys.argv[1])
    problems = []

    def expect(what, condition):
        if not condition:
            problems.append(what)

    def values(name, **labels):
        return [v for n, l, v in metrics if n == name and all(l.get(k) == w for k, w in labels.items())]

    def series(name):
        return [l for n, l, v in metrics if n == name and v == 1]

    if sys.argv[2:] == ["unknown"]:
        said = check_unknown(metrics, expect, values)
        report(problems, sys.argv[1], said)
        return
    expect("the probe succeeded", values("statuspage_probe_check", service_name="Nimbus") == [1.0])
    expect("the page is not operational (an incident is going on)",
           values("statuspage_service_status", service_name="Nimbus") == [0.0])
    components = {l["component_name"]: v for n, l, v in metrics if n == "statuspage_component_status"}
    expect(f"component states read: {components}",
           components == {"Core": 0.0, "Public API": 0.0, "DNS": 1.0, "CDN": 1.0, "Object storage": 1.0})
    incidents = series("statuspage_incident_info")
    expect(f"one active incident: {incidents}", len(incidents) == 1)
    if incidents:
        incident = incidents[0]
        expect(f"incident name: {incident}", incident.get("incident_name") == "Elevated API error rates")
        expect(f"incident impact: {incident}", incident.get("impact") == "major")
        expect(f"incident components: {incident}", incident.get("affected_components") == "Public API")
        expect(f"incident link: {incident}", incident.get("shortlink", "").endswith("/status/api-errors/"))
    maintenances = series("statuspage_maintenance_info")
    names = sorted(m.get("maintenance_name") for m in maintenances)
    expect(f"the upcoming maintenance: {maintenances}", names == ["Object storage upgrade"])
    everything = open(sys.argv[1], encoding="utf-8").read()
    expect("no internal incident", "SECRET" not in everything)
    report(problems, sys.argv[1], f"{len(components)} components, {len(incidents)} incident, "
           f"{len(maintenances)} maintenance")


def report(problems, path, said):
    for problem in problems:
        print(f"statuspage-prometheus-exporter: expected {problem}", file=sys.stderr)
    if problems:
        print(open(path, encoding="utf-8").read(), file=sys.stderr)
        sys.exit(1)
    print(f"statuspage-prometheus-exporter read the page: {said}")


if __name__ == "__main__":
    main()
