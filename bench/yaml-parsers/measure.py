#!/usr/bin/env python3
"""Which YAML reading accepts what Jekyll and Hugo accept (issue 35, part 3).

Extracts the YAML front matter of every page of each corpus (a file that starts with a
`---` line, up to the next `---` or `...` line) into bench/.work/yaml-parsers/NAME/,
then reads each block with

- libyaml, the parser of Jekyll (Ruby's Psych) and of every libyaml-based tool: Ruby's
  `Psych.safe_load` with Date and Time permitted, as Jekyll calls it, when `ruby` is on
  the PATH (Debian's package), and PyYAML's `CSafeLoader` (libyaml's parser, YAML 1.1
  resolution) in any case;
- the three readers of the Rust probe beside this script: `opsbook` (a build's own
  reading), `saphyr` (serde-saphyr alone) and `yaml_ng` (serde_yaml_ng);

and prints per corpus how many blocks each accepts, the disagreements with libyaml in
both directions (with examples), and where both accept, the values that differ, by
kind. A corpus is a folder (its front matter is found anywhere in it) or a mirror of the
`fetch` tool checked out at its newest commit.

    (cd bench/yaml-parsers && cargo build --release)
    python3 bench/yaml-parsers/measure.py ../shared/corpora/* /work/.mirror/jekyll+jekyll/repo

Not a test: run by hand. bench/yaml-parsers/README.md records its figures.
"""

import collections
import datetime
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
WORK = HERE.parent / ".work" / "yaml-parsers"
PROBE = Path(os.environ.get("PROBE", HERE.parent / ".work" / "yaml-target" / "release" / "yaml-parsers"))
PAGES = (".md", ".markdown", ".mdx", ".html", ".htm", ".njk", ".liquid", ".erb", ".haml", ".textile")
RUBY = r"""
require 'psych'; require 'json'; require 'date'; require 'time'
def plain(v)
  case v
  when Hash then v.each_with_object({}) { |(k, x), h| h[k.to_s] = plain(x) }
  when Array then v.map { |x| plain(x) }
  when Time then v.iso8601(6)
  when Date then v.iso8601
  when Float then (v.nan? || v.infinite?) ? v.to_s : v
  when Symbol then v.to_s
  else v
  end
end
STDIN.each_line do |path|
  path = path.chomp
  begin
    v = Psych.safe_load(File.read(path, encoding: 'UTF-8'), permitted_classes: [Date, Time], aliases: true)
    puts JSON.generate({file: path, ok: true, value: plain(v)})
  rescue Exception => e
    puts JSON.generate({file: path, ok: false, error: e.message.lines.first.to_s.strip})
  end
end
"""


def front_matter(text):
    """The YAML between a first `---` line and the next `---`/`...` line, and its line."""
    if not text.startswith("---"):
        return None
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return None
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            return "\n".join(lines[1:i]) + "\n"
    return None


def corpus_files(source):
    """(relative path, text) of each page file of a folder or a bare git mirror."""
    source = Path(source)
    if (source / "HEAD").exists() and (source / "objects").exists():
        # Blob by blob: a mirror may lack its largest files, which `git archive` stops at.
        git = ["git", "--git-dir", str(source)]
        tree = subprocess.run([*git, "ls-tree", "-r", "-l", "HEAD"], capture_output=True, text=True, check=True).stdout
        wanted = []
        for line in tree.splitlines():
            meta, name = line.split("\t", 1)
            _, kind, blob, size = meta.split()
            if kind == "blob" and name.lower().endswith(PAGES) and size.isdigit() and int(size) < 4_000_000:
                wanted.append((name, blob))
        for name, blob in wanted:
            done = subprocess.run([*git, "cat-file", "blob", blob], capture_output=True)
            if done.returncode == 0:
                yield name, done.stdout.decode("utf-8", "replace")
        return
    for root, dirs, files in os.walk(source):
        dirs[:] = [d for d in dirs if d not in (".git", "node_modules")]
        for f in files:
            if f.lower().endswith(PAGES):
                p = Path(root) / f
                try:
                    yield str(p.relative_to(source)), p.read_text(encoding="utf-8", errors="replace")
                except OSError:
                    pass


def name_of(source):
    p = Path(source)
    return p.parent.name.replace("+", "/") if p.name == "repo" else p.name


def extract(source):
    folder = WORK / name_of(source).replace("/", "+")
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    origin = {}
    for i, (rel, text) in enumerate(corpus_files(source)):
        block = front_matter(text)
        if block is None or not block.strip():
            continue
        path = folder / f"{i:06}.yml"
        path.write_text(block, encoding="utf-8")
        origin[str(path)] = rel
    return origin


def plain(value):
    """PyYAML's value as JSON would write it."""
    if isinstance(value, dict):
        return {str(k) if not isinstance(k, bool) else str(k).lower(): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return str(value)
    return value


def libyaml(paths):
    results = {}
    for p in paths:
        try:
            with open(p, encoding="utf-8") as f:
                results[p] = {"ok": True, "value": plain(yaml.load(f, Loader=yaml.CSafeLoader))}
        except Exception as e:  # noqa: BLE001 - every error is a rejection
            results[p] = {"ok": False, "error": str(e).split("\n")[0]}
    return results


def psych(paths):
    if not shutil.which("ruby"):
        return None
    done = subprocess.run(["ruby", "-e", RUBY], input="\n".join(paths) + "\n", capture_output=True, text=True)
    return {r["file"]: r for r in map(json.loads, done.stdout.splitlines())}


def probe(paths):
    done = subprocess.run([str(PROBE)], input="\n".join(paths) + "\n", capture_output=True, text=True, check=True)
    results = collections.defaultdict(dict)
    for r in map(json.loads, done.stdout.splitlines()):
        results[r["parser"]][r["file"]] = r
    return results


def kind_of(a, b):
    """What differs between two values both parsers accepted, named for the report."""
    if isinstance(a, dict) and isinstance(b, dict):
        for k in a.keys() | b.keys():
            if k not in a or k not in b:
                return "keys"
            if not same(a[k], b[k]):
                return kind_of(a[k], b[k])
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for x, y in zip(a, b):
            if not same(x, y):
                return kind_of(x, y)
    return f"{type(a).__name__} vs {type(b).__name__}"


def moment(x):
    """A date or time written as text, as one value: `2010-01-10 13:07:09 +00:00`,
    `2010-01-10T13:07:09Z` and `2010-01-10T13:07:09+0000` are one moment (no offset
    is UTC, as YAML's timestamp type says)."""
    if not isinstance(x, str) or len(x) < 10 or not x[:4].isdigit() or x[4:5] != "-":
        return None
    text = x.strip().replace("Z", "+00:00")
    if len(text) > 10 and text[10] in " t":
        text = text[:10] + "T" + text[11:]
    text = text.replace(" +", "+").replace(" -", "-")
    if len(text) >= 5 and text[-5] in "+-" and text[-4:].isdigit():
        text = text[:-2] + ":" + text[-2:]
    try:
        if len(text) == 10:
            return datetime.date.fromisoformat(text)
        value = datetime.datetime.fromisoformat(text)
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=datetime.timezone.utc)


def same(a, b):
    if isinstance(a, str) and isinstance(b, str) and a != b:
        return moment(a) is not None and moment(a) == moment(b)
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return float(a) == float(b)
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if a is None and b == {}:  # an empty block: no fields
        return True
    return a == b


def first_difference(a, b, path=""):
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(a.keys() | b.keys()):
            if k not in a or k not in b or not same(a[k], b[k]):
                return first_difference(a.get(k), b.get(k), f"{path}.{k}")
    return f"{path or '.'}: {json.dumps(a)[:60]} vs {json.dumps(b)[:60]}"


def main(sources):
    if not PROBE.exists():
        sys.exit(f"build the probe first: (cd {HERE} && cargo build --release); looked for {PROBE}")
    totals = collections.Counter()
    examples = collections.defaultdict(list)
    rows = []
    for source in sources:
        origin = extract(source)
        paths = sorted(origin)
        if not paths:
            continue
        pyyaml = libyaml(paths)
        ruby = psych(paths)
        # Jekyll's own reader when Ruby is there, else libyaml through PyYAML.
        oracle = ruby if ruby is not None else pyyaml
        rust = probe(paths)
        name = name_of(source)
        row = collections.Counter(blocks=len(paths))
        row["libyaml"] = sum(r["ok"] for r in pyyaml.values())
        if ruby is not None:
            row["psych"] = sum(r["ok"] for r in ruby.values())
        for parser, results in rust.items():
            row[parser] = sum(r["ok"] for r in results.values())
            row[f"{parser} us"] = sum(r["us"] for r in results.values())
            for p in paths:
                want, got = oracle[p], results[p]
                if got["ok"] and not want["ok"]:
                    row[f"{parser} +"] += 1
                    examples[(parser, "accepts what Jekyll refuses")].append(f"{name}/{origin[p]}: {want['error'][:90]}")
                elif want["ok"] and not got["ok"]:
                    row[f"{parser} -"] += 1
                    examples[(parser, "refuses what Jekyll accepts")].append(f"{name}/{origin[p]}: {got['error'][:110]}")
                elif want["ok"] and got["ok"] and not same(want["value"], got["value"]):
                    row[f"{parser} ≠"] += 1
                    examples[(parser, "value differs: " + kind_of(want["value"], got["value"]))].append(
                        f"{name}/{origin[p]}: {first_difference(want['value'], got['value'])}"
                    )
        if ruby is not None:
            for p in paths:
                if ruby[p]["ok"] != pyyaml[p]["ok"] or (ruby[p]["ok"] and not same(ruby[p]["value"], pyyaml[p]["value"])):
                    row["psych ≠ libyaml"] += 1
                    examples[("PyYAML", "differs from Psych")].append(
                        f"{name}/{origin[p]}: psych: {ruby[p].get('error', 'accepts')[:60]}; PyYAML: {pyyaml[p].get('error', 'accepts')[:60]}"
                        if ruby[p]["ok"] != pyyaml[p]["ok"]
                        else f"{name}/{origin[p]}: {first_difference(ruby[p]['value'], pyyaml[p]['value'])}"
                    )
        rows.append((name, row))
        totals.update(row)
    rows.append(("**all**", totals))
    parsers = ["opsbook", "saphyr", "yaml_ng"]
    head = ["corpus", "blocks", "Psych (Jekyll)", "PyYAML (libyaml)"] + [f"{p}: ok, +/−/≠" for p in parsers]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for name, row in rows:
        cells = [name, f"{row['blocks']:,}", f"{row['psych']:,}" if "psych" in row else "-", f"{row['libyaml']:,}"]
        for p in parsers:
            cells.append(f"{row[p]:,}, {row[p + ' +']}/{row[p + ' -']}/{row[p + ' ≠']}")
        print("| " + " | ".join(cells) + " |")
    print()
    print("Parse time of all blocks (ms): " + ", ".join(f"{p} {totals[p + ' us'] / 1000:.0f}" for p in parsers))
    if "psych ≠ libyaml" in totals:
        print(f"Psych (Jekyll's reader) and PyYAML (libyaml, YAML 1.1 resolution) disagree on {totals['psych ≠ libyaml']} blocks.")
    print()
    for (parser, what), found in sorted(examples.items()):
        print(f"- {parser}, {what}: {len(found)}")
        for e in found[:4]:
            print(f"  - {e}")


if __name__ == "__main__":
    main(sys.argv[1:])
