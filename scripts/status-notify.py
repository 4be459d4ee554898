#!/usr/bin/env python3
"""Posts each change of the status page's state to a webhook: the difference between
the status files of the last published build and those of the new one (opsbook's
status page guide, "Notifications from CI").

    status-notify.py --previous OLD --current public/status --webhook URL
                     [--field text] [--format text|json] [--dry-run]

OLD and the current folder are status folders as a build writes them (or copies of
their files): `api/v2/summary.json` (the components and the page's state),
`api/v2/incidents.json` (the incidents) and, when components are measured,
`health.json`. A file missing from OLD (the first run) means nothing to compare: no
message is sent for it. One POST per change, in the order found:

- a component whose state changed ("Public API: Operational -> Partial outage"); a
  group of components is not said apart from its components;
- the page's state ("All Systems Operational -> Minor Service Outage");
- a new incident, or one whose status changed ("Elevated API errors: Investigating ->
  Resolved");
- with health.json, a measured component whose level changed ("CDN measured: green ->
  unknown").

`--format text` (the default) posts `{"<field>": "<message>"}`: Slack's and
Mattermost's incoming webhooks and Matrix hookshot's generic webhooks read `text`,
Discord's `content` (`--field content`). `--format json` posts the change itself
(`kind`, `id`, `name`, `before`, `after`, `text`, `url`) for a mail gateway or a
receiver of your own. Only the standard library; exit code 1 when a POST fails.
"""
import argparse
import json
import os
import sys
import urllib.request


def read(folder, name):
    path = os.path.join(folder, name)
    try:
        with open(path, encoding="utf-8") as file:
            return json.load(file)
    except FileNotFoundError:
        return None


def words(state):
    return state.replace("_", " ").capitalize() if state else "unknown"


def changes(previous, current):
    """Every change from the files of `previous` to those of `current`, as dicts."""
    found = []
    old, new = read(previous, "api/v2/summary.json"), read(current, "api/v2/summary.json")
    page_url = ((new or {}).get("page") or {}).get("url")
    if old and new:
        before = {c["id"]: c for c in old.get("components", [])}
        # A group's state is that of its components, which are said one by one.
        for component in (c for c in new.get("components", []) if not c.get("group")):
            was = before.get(component["id"])
            if was and was.get("status") != component.get("status"):
                found.append({
                    "kind": "component", "id": component["id"], "name": component.get("name"),
                    "before": was.get("status"), "after": component.get("status"), "url": page_url,
                    "text": f"{component.get('name')}: {words(was.get('status'))} -> {words(component.get('status'))}",
                })
        was, now = old.get("status") or {}, new.get("status") or {}
        if was.get("indicator") != now.get("indicator") or was.get("description") != now.get("description"):
            found.append({
                "kind": "page", "id": "page", "name": (new.get("page") or {}).get("name"),
                "before": was.get("description"), "after": now.get("description"), "url": page_url,
                "text": f"{was.get('description')} -> {now.get('description')}",
            })
    old, new = read(previous, "api/v2/incidents.json"), read(current, "api/v2/incidents.json")
    if old is not None and new:
        before = {i["id"]: i for i in old.get("incidents", [])}
        for incident in reversed(new.get("incidents", [])):
            was = before.get(incident["id"])
            if was and was.get("status") == incident.get("status"):
                continue
            after = words(incident.get("status"))
            text = f"{incident.get('name')}: {words(was.get('status'))} -> {after}" if was else f"New incident: {incident.get('name')} ({after})"
            found.append({
                "kind": "incident", "id": incident["id"], "name": incident.get("name"),
                "before": was.get("status") if was else None, "after": incident.get("status"),
                "url": incident.get("shortlink") or page_url, "text": text,
            })
    old, new = read(previous, "health.json"), read(current, "health.json")
    if old and new:
        before = {c["id"]: c for c in old.get("components", [])}
        names = {c["id"]: c.get("name") for c in ((read(current, "api/v2/summary.json") or {}).get("components", []))}
        for component in new.get("components", []):
            was = before.get(component["id"])
            if was and was.get("level") != component.get("level"):
                name = names.get(component["id"]) or component["id"]
                found.append({
                    "kind": "measured", "id": component["id"], "name": name,
                    "before": was.get("level"), "after": component.get("level"), "url": page_url,
                    "text": f"{name} measured: {was.get('level')} -> {component.get('level')}",
                })
    return found


def post(url, body):
    request = urllib.request.Request(url, data=json.dumps(body).encode("utf-8"), method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return answer.status


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--previous", required=True, help="the status folder of the last published build")
    parser.add_argument("--current", required=True, help="the status folder of the new build")
    parser.add_argument("--webhook", help="the URL to POST each change to (else $STATUS_WEBHOOK_URL)")
    parser.add_argument("--field", default="text", help="the JSON field of the message (--format text)")
    parser.add_argument("--format", choices=["text", "json"], default="text")
    parser.add_argument("--dry-run", action="store_true", help="print the bodies, post nothing")
    args = parser.parse_args()
    webhook = args.webhook or os.environ.get("STATUS_WEBHOOK_URL")
    if not webhook and not args.dry_run:
        parser.error("give --webhook URL, or set STATUS_WEBHOOK_URL")
    failed = 0
    for change in changes(args.previous, args.current):
        body = change if args.format == "json" else {args.field: change["text"] + (f" {change['url']}" if change.get("url") else "")}
        if args.dry_run:
            print(json.dumps(body))
            continue
        try:
            post(webhook, body)
            print(f"posted: {change['text']}", file=sys.stderr)
        except Exception as error:  # noqa: BLE001 - every failure is reported the same way
            failed += 1
            print(f"could not post {change['text']!r}: {error}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
