"""Validates a built status page's API files against their specifications (issue 16).

Usage: validate.py PUBLIC-FOLDER

1. Every file under status/scs/ is matched to the GET endpoint of the SCS status-page
   API it exports (scs-status-page/openapi.yaml, vendored) and validated against that
   operation's 200 response schema, as OpenAPI 3.0 reads it (nullable, formats uuid and
   date-time); a file that matches no endpoint is an error.
2. Every file under status/api/v2/ is validated against statuspage/v2.schema.json, with
   the keys each endpoint returns required.
3. The SCS export's severities are read as the SCS web client reads them, with its
   default bands (scs-status-page-web/bands.json): each maintenance's impacts fall in
   the `maintenance` band, so the client lists it under "Planned Maintenance", and no
   incident's impact does; each state's severity falls in the band that names it
   (degraded performance `limited`, partial and major outage `broken`).
4. Each component is read as the client reads it today: the band of the highest
   severity of the impacts on it of the incidents still going on, `operational` (its
   default day severity, 1) without one. A component whose state (`labels.status`) is
   not operational must be read in the band of that state, `unknown` in `limited`: a
   measured-red or unknown component is never operational for the client.

Exits 1 with every problem listed, 0 when all files are valid.
"""

import json
import pathlib
import re
import sys

import yaml
from jsonschema import Draft202012Validator, FormatChecker
from openapi_schema_validator import OAS30Validator, oas30_format_checker

HERE = pathlib.Path(__file__).resolve().parent

# SCS export: file (relative to status/scs/, without index.json) -> OpenAPI path.
SCS_ENDPOINTS = [
    (r"components", "/components"),
    (r"components/[^/]+", "/components/{componentId}"),
    (r"incidents", "/incidents"),
    (r"incidents/[^/]+", "/incidents/{incidentId}"),
    (r"incidents/[^/]+/updates", "/incidents/{incidentId}/updates"),
    (r"phases", "/phases"),
    (r"severities", "/severities"),
    (r"severities/[^/]+", "/severities/{severityName}"),
    (r"impacttypes", "/impacttypes"),
    (r"impacttypes/[^/]+", "/impacttypes/{impactTypeId}"),
]

# Statuspage v2: file -> the keys it must have.
STATUSPAGE_KEYS = {
    "status.json": ["page", "status"],
    "summary.json": ["page", "components", "incidents", "scheduled_maintenances", "status"],
    "components.json": ["page", "components"],
    "incidents.json": ["page", "incidents"],
    "incidents/unresolved.json": ["page", "incidents"],
    "scheduled-maintenances.json": ["page", "scheduled_maintenances"],
    "scheduled-maintenances/upcoming.json": ["page", "scheduled_maintenances"],
    "scheduled-maintenances/active.json": ["page", "scheduled_maintenances"],
}


def response_schema(spec, path):
    """The schema of the 200 response of GET `path`, with the spec's components."""
    response = spec["paths"][path]["get"]["responses"]["200"]
    if "$ref" in response:
        name = response["$ref"].rsplit("/", 1)[1]
        response = spec["components"]["responses"][name]
    schema = dict(response["content"]["application/json"]["schema"])
    schema["components"] = spec["components"]
    return schema


def errors_of(validator, document):
    return [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}" for e in validator.iter_errors(document)]


def check_scs(public, problems):
    spec = yaml.safe_load((HERE / "scs-status-page" / "openapi.yaml").read_text())
    root = public / "status" / "scs"
    files = sorted(root.rglob("*.json"))
    if not files:
        problems.append("status/scs/: no files")
    seen = set()
    for file in files:
        relative = file.relative_to(root).as_posix()
        if not relative.endswith("/index.json"):
            problems.append(f"status/scs/{relative}: not an endpoint's index.json")
            continue
        endpoint = relative[: -len("/index.json")]
        path = next((p for pattern, p in SCS_ENDPOINTS if re.fullmatch(pattern, endpoint)), None)
        if path is None:
            problems.append(f"status/scs/{relative}: matches no GET endpoint of the SCS API")
            continue
        seen.add(path)
        validator = OAS30Validator(response_schema(spec, path), format_checker=oas30_format_checker)
        document = json.loads(file.read_text())
        problems.extend(f"status/scs/{relative} ({path}): {e}" for e in errors_of(validator, document))
    for _, path in SCS_ENDPOINTS:
        if path not in seen:
            problems.append(f"status/scs/: no file exports {path}")
    return len(files)


def check_statuspage(public, problems):
    schema = json.loads((HERE / "statuspage" / "v2.schema.json").read_text())
    Draft202012Validator.check_schema(schema)
    root = public / "status" / "api" / "v2"
    files = sorted(root.rglob("*.json"))
    for file in files:
        relative = file.relative_to(root).as_posix()
        keys = STATUSPAGE_KEYS.get(relative)
        if keys is None:
            problems.append(f"status/api/v2/{relative}: not a file of the Statuspage API")
            continue
        wanted = dict(schema, required=keys)
        validator = Draft202012Validator(wanted, format_checker=FormatChecker())
        document = json.loads(file.read_text())
        problems.extend(f"status/api/v2/{relative}: {e}" for e in errors_of(validator, document))
    missing = set(STATUSPAGE_KEYS) - {f.relative_to(root).as_posix() for f in files}
    problems.extend(f"status/api/v2/{m}: missing" for m in sorted(missing))
    return len(files)


# The band the SCS web client gives each of opsbook's severities (issue 32).
CLIENT_BANDS = {
    "under_maintenance": "maintenance",
    "degraded_performance": "limited",
    "partial_outage": "broken",
    "major_outage": "broken",
}


def band_of(bands, value):
    # As the client's severityName: the first band whose range holds the value.
    return next((name for name, b in bands.items() if b["start"] <= value <= b["end"]), "unknown")


def check_scs_client_bands(public, problems):
    bands = json.loads((HERE / "scs-status-page-web" / "bands.json").read_text())
    root = public / "status" / "scs"
    severities = json.loads((root / "severities" / "index.json").read_text())["data"]
    for severity in severities:
        wanted = CLIENT_BANDS.get(severity["displayName"])
        found = band_of(bands, severity["value"])
        if wanted != found:
            problems.append(f"severity {severity['displayName']} = {severity['value']}: the web client reads {found}, not {wanted}")
    types = {t["id"]: t["displayName"] for t in json.loads((root / "impacttypes" / "index.json").read_text())["data"]}
    incidents = json.loads((root / "incidents" / "index.json").read_text())["data"]
    maintenance_end = bands["maintenance"]["end"]
    checked = 0
    for incident in incidents:
        for impact in incident["affects"]:
            is_maintenance = types.get(impact["type"]) == "maintenance"
            read_as_maintenance = impact["severity"] <= maintenance_end
            if is_maintenance != read_as_maintenance:
                what = "maintenance" if is_maintenance else "incident"
                problems.append(f"{incident['displayName']}: a {what} the web client reads as {'maintenance' if read_as_maintenance else 'an incident'}")
            checked += 1
    return checked


# The band a component's state must be read in: only states that are not operational
# (a maintenance is read as operational by the client, as is a day without incident).
STATE_BANDS = dict(CLIENT_BANDS, unknown="limited")
del STATE_BANDS["under_maintenance"]


def check_scs_client_reading(public, problems):
    """Reads each component as the client does for today; returns how many were read."""
    bands = json.loads((HERE / "scs-status-page-web" / "bands.json").read_text())
    root = public / "status" / "scs"
    components = json.loads((root / "components" / "index.json").read_text())["data"]
    incidents = json.loads((root / "incidents" / "index.json").read_text())["data"]
    for component in components:
        severities = [impact["severity"] for incident in incidents if incident.get("endedAt") is None
                      for impact in incident["affects"] if impact["reference"] == component["id"]]
        found = band_of(bands, max(severities, default=1))
        state = component["labels"].get("status")
        wanted = STATE_BANDS.get(state)
        if wanted is not None and found != wanted:
            problems.append(f"component {component['displayName']} ({state}): the web client reads it {found}, not {wanted}")
    return len(components)


def main():
    public = pathlib.Path(sys.argv[1])
    problems = []
    scs = check_scs(public, problems)
    statuspage = check_statuspage(public, problems)
    impacts = check_scs_client_bands(public, problems)
    read = check_scs_client_reading(public, problems)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        sys.exit(1)
    print(f"valid: {scs} SCS API files against openapi.yaml, {statuspage} Statuspage v2 files against v2.schema.json, {impacts} SCS impacts against the web client's bands, {read} components as it reads them")


if __name__ == "__main__":
    main()
