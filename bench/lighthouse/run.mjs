// Lighthouse mobile figures of opsbook's static output (issue 33): builds the bundled
// handbook and one real corpus with images, serves each output folder on 127.0.0.1
// (serve.mjs), runs Lighthouse's default (mobile, simulated throttling) preset with
// Debian's Chromium N times per page, and prints the median score per category and the
// audits that failed, with their details as Lighthouse gives them.
//
// Run it through run.sh (which installs Chromium and Lighthouse when missing):
//
//   OPSBOOK_BIN=/path/to/opsbook bench/lighthouse/run.sh
//
// Environment:
//   OPSBOOK_BIN   the opsbook binary (default: target/release/opsbook of the repository)
//   LH_RUNS       runs per page (default 3; the median is reported)
//   LH_ONLY       comma-separated page names to measure (default: all, see PAGES:
//                 home, runbook, rca, process, section, alerts, alert, review, search,
//                 status, owners, blog, status-site, german, community, scs-post-photos,
//                 scs-post-charts)
//   LH_TREE       build the bundled handbook from this commit (e.g. HEAD) instead of
//                 the work tree's content/, book.toml and themes/
//   LH_RESULTS    folder for the JSON reports and report.md (default:
//                 bench/lighthouse/results/<UTC time>, git-ignored)
//   LH_NO_GZIP=1  serve without gzip (as `python3 -m http.server` does)
//   LH_MIRRORS    where the corpus mirrors are (default /work/.mirror, as bench/corpora)
//   CHROME_PATH   the browser (default /usr/bin/chromium)
//
// Not a test: its figures depend on the machine and its load, which it prints with
// each run.

import { execFile, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../..");

const CHROME_FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  // Without these Chromium's own connections are refused on a closed network and
  // stall the run.
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const CORPUS = "scs-website";
// The pages measured: every page type of the bundled handbook (home, a runbook, an
// incident review, a process page, a section index, the alerts list and an alert's page,
// the review, search, status and owners pages, a blog post), its status site (`build
// --status-site`), a German page (`opsbook init`'s handbook with `languages = ["en",
// "de"]`: its runbook in the German site, shown with the notice of a page not yet
// translated), the community page of a handbook whose peer is the bundled
// handbook (read --offline from copies of what it published), and
// image-heavy pages of the SovereignCloudStack website (a Jekyll site of many posts
// with photos and charts), as opsbook builds it after the migration guide's moves.
const PAGES = [
  { name: "home", site: "bundled", path: "/" },
  { name: "runbook", site: "bundled", path: "/runbooks/postgres-primary-failover/" },
  { name: "rca", site: "bundled", path: "/rca/2026-08-expired-intermediate-certificate/" },
  { name: "process", site: "bundled", path: "/open-operations/on-call/" },
  { name: "section", site: "bundled", path: "/runbooks/" },
  { name: "alerts", site: "bundled", path: "/alerts/" },
  { name: "alert", site: "bundled", path: "/alerts/PostgresPrimaryDown/" },
  { name: "review", site: "bundled", path: "/review/" },
  { name: "search", site: "bundled", path: "/search/" },
  { name: "status", site: "bundled", path: "/status/" },
  { name: "owners", site: "bundled", path: "/owners/" },
  { name: "blog", site: "bundled", path: "/news/2026/11/23/blogs-and-minutes/" },
  { name: "status-site", site: "status-site", path: "/" },
  { name: "german", site: "german", path: "/de/runbooks/disk-full/" },
  { name: "community", site: "community", path: "/community/" },
  { name: "scs-post-photos", site: "corpus", path: "/2023/08/04/ciab-on-a-laptop/" },
  { name: "scs-post-charts", site: "corpus", path: "/2023/02/24/impact-of-disk-encryption/" },
];
const CATEGORIES = [
  ["performance", "Performance", 95],
  ["accessibility", "Accessibility", 100],
  ["best-practices", "Best practices", 100],
  ["seo", "SEO", 100],
];
const METRICS = [
  ["first-contentful-paint", "FCP"],
  ["largest-contentful-paint", "LCP"],
  ["total-blocking-time", "TBT"],
  ["cumulative-layout-shift", "CLS"],
  ["speed-index", "SI"],
];

const runs = Number(process.env.LH_RUNS || 3);
const only = (process.env.LH_ONLY || "").split(",").filter(Boolean);
const bin = process.env.OPSBOOK_BIN || path.join(repo, "target/release/opsbook");
const chrome = process.env.CHROME_PATH || "/usr/bin/chromium";
const lighthouse = path.join(here, "node_modules/.bin/lighthouse");
const stamp = new Date().toISOString().replace(/[:.]/g, "-").replace(/-\d+Z$/, "Z");
const results = path.resolve(process.env.LH_RESULTS || path.join(here, "results", stamp));

function log(msg) {
  process.stderr.write(`# ${msg}\n`);
}
function load() {
  return os.loadavg().map((x) => x.toFixed(2)).join(" ");
}
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
}

async function build(args, logFile) {
  const started = Date.now();
  try {
    const { stdout, stderr } = await run(bin, ["build", "--no-cache", ...args], { maxBuffer: 1 << 28 });
    writeFileSync(logFile, stdout + stderr);
  } catch (e) {
    writeFileSync(logFile, `${e.stdout || ""}${e.stderr || ""}`);
    throw new Error(`opsbook build ${args.join(" ")} failed (exit ${e.code}); see ${logFile}`);
  }
  return Date.now() - started;
}

// A handbook of one page whose peers are the bundled handbook (built into `bundled`)
// and one never read, built --offline from the copies a build would have kept of the
// first (tests/browser/fixtures/peer-copies.py, into the peers' folder of a
// `--cache-dir`): its `/community/` and its search box's "all handbooks".
async function buildCommunity(work, bundled) {
  const root = path.join(work, "community-src");
  const out = path.join(work, "community");
  const cache = path.join(work, "community-cache");
  mkdirSync(path.join(root, "content"), { recursive: true });
  writeFileSync(
    path.join(root, "book.toml"),
    '[handbook]\ntitle = "Community"\ndescription = "The providers of one community: their state, reviews and runbooks."\n\n' +
      '[[peers]]\nname = "guide"\nurl = "http://127.0.0.1:9/guide/"\n\n[[peers]]\nname = "gone"\nurl = "http://127.0.0.1:9/gone/"\n',
  );
  writeFileSync(path.join(root, "content", "_index.md"), "# Community\n\nThe providers of one community, each with its handbook and status.\n");
  await run("python3", [path.join(repo, "tests/browser/fixtures/peer-copies.py"), bundled, "guide", path.join(cache, "opsbook-peers")]);
  const args = ["build", "--root", root, "--out", out, "--cache-dir", cache, "--offline", "--quiet"];
  try {
    const { stdout, stderr } = await run(bin, args, { maxBuffer: 1 << 28 });
    writeFileSync(path.join(results, "build-community.log"), stdout + stderr);
  } catch (e) {
    throw new Error(`opsbook ${args.join(" ")} failed (exit ${e.code}): ${e.stderr || ""}`);
  }
  return out;
}

function serve(dir) {
  return new Promise((resolve, reject) => {
    const args = [path.join(here, "serve.mjs"), dir, "0"];
    if (process.env.LH_NO_GZIP === "1") args.push("--no-gzip");
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (d) => {
      const m = /listening (\d+)/.exec(d);
      if (m) resolve({ child, origin: `http://127.0.0.1:${m[1]}` });
    });
    child.on("exit", (code) => reject(new Error(`serve.mjs ${dir} exited ${code}`)));
  });
}

async function lighthouseRun(url, out) {
  const args = [
    url,
    "--output=json",
    `--output-path=${out}`,
    `--chrome-flags=${CHROME_FLAGS.join(" ")}`,
    "--quiet",
  ];
  await run(lighthouse, args, { env: { ...process.env, CHROME_PATH: chrome }, maxBuffer: 1 << 28 });
  return JSON.parse(readFileSync(out, "utf8"));
}

// An audit fails when it has a score below 1 and is neither informative, manual nor
// not applicable (Lighthouse's own "failed audits" of the HTML report, diagnostics and
// opportunities with weight 0 included: the weight is printed beside each).
function failing(lhr, category) {
  const out = [];
  for (const ref of lhr.categories[category].auditRefs) {
    const a = lhr.audits[ref.id];
    if (!a) continue;
    if (a.scoreDisplayMode === "error") {
      out.push({ id: ref.id, weight: ref.weight, audit: a, error: true });
      continue;
    }
    if (["informative", "manual", "notApplicable"].includes(a.scoreDisplayMode)) continue;
    if (a.score === null || a.score >= 1) continue;
    // Metrics are shown with the figures; a metric that misses its green mark is listed too.
    out.push({ id: ref.id, weight: ref.weight, audit: a });
  }
  return out;
}

function fmtBytes(n) {
  return n >= 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${Math.round(n)} B`;
}

// One line per detail item: the fields that say what to fix (a URL, an element, bytes,
// milliseconds), as Lighthouse names them.
function itemLine(item) {
  const parts = [];
  const isNode = (v) => v && typeof v === "object" && v.type === "node";
  const node = isNode(item.node) ? item.node : isNode(item.source) ? item.source : item.type === "node" ? item : null;
  if (item.url) parts.push(typeof item.url === "string" ? item.url : JSON.stringify(item.url));
  if (item.source && item.source.type === "source-location") parts.push(`${item.source.url}:${item.source.line ?? ""}`);
  if (item.label) parts.push(String(item.label));
  if (node) {
    parts.push(`\`${node.selector}\``);
    if (node.snippet) parts.push(`\`${node.snippet.replace(/\s+/g, " ").slice(0, 200)}\``);
    if (node.explanation) parts.push(node.explanation.replace(/\s+/g, " "));
  }
  for (const [k, v] of Object.entries(item)) {
    if (["url", "node", "source", "label", "type", "subItems", "entity", "debugData"].includes(k)) continue;
    if (typeof v === "number") {
      parts.push(/bytes|size/i.test(k) ? `${k} ${fmtBytes(v)}` : /ms$|time|duration|lifetime/i.test(k) ? `${k} ${Math.round(v)} ms` : `${k} ${Math.round(v * 1000) / 1000}`);
    } else if (typeof v === "string" && v.length < 200) {
      parts.push(`${k}: ${v}`);
    } else if (v && typeof v === "object" && v.type === "node") {
      parts.push(`${k} \`${v.selector}\``);
    } else if (v && typeof v === "object" && v.type === "source-location") {
      parts.push(`${k} ${v.url}:${v.line}`);
    }
  }
  // Accessibility items carry the neighbouring nodes as sub-items: the explanation says it.
  if (item.subItems && Array.isArray(item.subItems.items) && !(node && item.subItems.items.every((s) => s.relatedNode))) {
    const subs = item.subItems.items.slice(0, 5).map((s) => itemLine(s)).filter(Boolean);
    if (subs.length) parts.push(`[${subs.join("; ")}]`);
  }
  return parts.join(" — ");
}

function detailLines(audit, limit = 25) {
  const lines = [];
  const d = audit.details;
  if (!d) return lines;
  let items = [];
  if (Array.isArray(d.items)) items = d.items;
  if (d.type === "list") {
    for (const sub of d.items || []) if (Array.isArray(sub.items)) items = items.concat(sub.items);
    items = items.filter((i) => i && typeof i === "object" && !Array.isArray(i.items));
  }
  if (d.type === "criticalrequestchain" || d.type === "network-tree") {
    const walk = (chains, depth) => {
      for (const [, c] of Object.entries(chains || {})) {
        const r = c.request || c;
        if (r.url) lines.push(`${"  ".repeat(depth)}- ${r.url}${r.transferSize ? ` (${fmtBytes(r.transferSize)})` : ""}`);
        walk(c.children, depth + 1);
      }
    };
    walk(d.chains, 0);
    return lines.slice(0, limit);
  }
  // Items that differ only in their snippet (a row of like buttons) are one line with a count.
  const groups = new Map();
  for (const item of items) {
    const line = itemLine(item);
    if (!line) continue;
    const node = item.node && item.node.type === "node" ? item.node : null;
    const key = node ? `${node.selector}|${node.explanation || ""}` : line;
    if (!groups.has(key)) groups.set(key, { line, count: 0 });
    groups.get(key).count++;
  }
  const all = [...groups.values()];
  for (const g of all.slice(0, limit)) lines.push(`- ${g.line}${g.count > 1 ? ` (×${g.count} like it)` : ""}`);
  if (all.length > limit) lines.push(`- … ${all.length - limit} more (see the JSON report)`);
  return lines;
}

async function main() {
  if (!existsSync(bin)) throw new Error(`no opsbook binary at ${bin}: set OPSBOOK_BIN`);
  if (!existsSync(lighthouse)) throw new Error("lighthouse is not installed: run run.sh, or npm ci in bench/lighthouse");
  mkdirSync(results, { recursive: true });
  const work = mkdtempSync(path.join(os.tmpdir(), "opsbook-lh-"));
  const servers = [];
  const cleanup = () => {
    for (const s of servers) s.child.kill("SIGTERM");
    rmSync(work, { recursive: true, force: true });
  };
  process.on("SIGINT", () => {
    cleanup();
    process.exit(130);
  });
  try {
    const wanted = PAGES.filter((p) => !only.length || only.includes(p.name));
    const sites = {};
    const version = (await run(bin, ["--version"])).stdout.trim();
    let head = (await run("git", ["-C", repo, "rev-parse", "--short", "HEAD"]).catch(() => ({ stdout: "?" }))).stdout.trim();
    // The bundled handbook is built from the work tree: say when it is not the commit's.
    const dirty = (await run("git", ["-C", repo, "status", "--porcelain", "--", "content", "book.toml", "themes"]).catch(() => ({ stdout: "" }))).stdout.trim();
    if (dirty) head += ` (content/, book.toml or themes/ with uncommitted changes: ${dirty.split("\n").length} files)`;
    log(`${version} (${bin}); repository at ${head}; load ${load()}`);

    if (wanted.some((p) => ["bundled", "status-site", "community"].includes(p.site))) {
      // The bundled handbook, from the repository's content/ and book.toml, into a
      // temporary folder (the repository's public/ is left alone).
      const out = path.join(work, "bundled");
      let root = repo;
      if (process.env.LH_TREE) {
        // A commit's handbook, not the work tree's: a clone that shares the repository's
        // objects (its history gives the pages' "Updated" lines), with only book.toml,
        // content/ and themes/ checked out (a themes/default/ beside book.toml is the
        // theme the build uses).
        root = path.join(work, "src");
        await run("git", ["clone", "--quiet", "--no-checkout", "--shared", repo, root]);
        await run("git", ["-C", root, "checkout", "--quiet", process.env.LH_TREE, "--", "book.toml", "content", "themes"]);
        head = `${(await run("git", ["-C", root, "rev-parse", "--short", process.env.LH_TREE])).stdout.trim()} (LH_TREE=${process.env.LH_TREE})`;
      }
      const ms = await build(["--root", root, "--out", out, "--quiet"], path.join(results, "build-bundled.log"));
      log(`built the bundled handbook from ${root === repo ? "the work tree" : process.env.LH_TREE} in ${ms} ms`);
      sites.bundled = out;
      if (wanted.some((p) => p.site === "status-site")) {
        // Its status page as a site of its own (`build --status-site`), from the same tree.
        const statusOut = path.join(work, "status-site");
        await build(["--root", root, "--status-site", "--out", statusOut, "--quiet"], path.join(results, "build-status-site.log"));
        sites["status-site"] = statusOut;
      }
      if (wanted.some((p) => p.site === "community")) {
        sites.community = await buildCommunity(work, out);
      }
    }
    if (wanted.some((p) => p.site === "german")) {
      // A handbook in English and German: `opsbook init`'s, with `languages`.
      const src = path.join(work, "german-src");
      await run(bin, ["init", src]);
      const toml = readFileSync(path.join(src, "book.toml"), "utf8").replace(/^language = "en"$/m, 'language = "en"\nlanguages = ["en", "de"]');
      writeFileSync(path.join(src, "book.toml"), toml);
      const germanOut = path.join(work, "german");
      await build(["--root", src, "--out", germanOut, "--quiet"], path.join(results, "build-german.log"));
      sites.german = germanOut;
    }
    if (wanted.some((p) => p.site === "corpus")) {
      // The corpus, checked out and set up by the corpus harness (bench/corpora), under
      // bench/.work/corpora/ (git-ignored), from its mirror.
      const args = [path.join(repo, "bench/corpora/run.py"), "--only", CORPUS, "--setup-only", "--keep"];
      if (process.env.LH_MIRRORS) args.push("--mirrors", process.env.LH_MIRRORS);
      await run("python3", args, { cwd: repo });
      const src = path.join(repo, "bench/.work/corpora", CORPUS, "src");
      const out = path.join(work, "corpus");
      const ms = await build(["--root", src, "--out", out], path.join(results, "build-corpus.log"));
      log(`built ${CORPUS} in ${ms} ms (diagnostics in ${path.join(results, "build-corpus.log")})`);
      sites.corpus = out;
    }

    for (const page of wanted) {
      const file = path.join(sites[page.site], page.path, "index.html");
      if (!existsSync(file)) throw new Error(`${page.name}: ${page.path} is not in the output (${file})`);
      const html = readFileSync(file, "utf8");
      page.bytes = Buffer.byteLength(html);
      page.imgs = (html.match(/<img\b/g) || []).length;
    }
    const origins = {};
    for (const [site, dir] of Object.entries(sites)) {
      const s = await serve(dir);
      servers.push(s);
      origins[site] = s.origin;
    }

    const measured = [];
    for (const page of wanted) {
      const url = origins[page.site] + page.path;
      const lhrs = [];
      for (let i = 1; i <= runs; i++) {
        const before = load();
        const t = Date.now();
        const lhr = await lighthouseRun(url, path.join(results, `${page.name}-${i}.json`));
        const scores = CATEGORIES.map(([id]) => Math.round(lhr.categories[id].score * 100));
        lhr._load = before;
        lhrs.push(lhr);
        log(`${page.name} run ${i}/${runs}: ${scores.join(" / ")} in ${((Date.now() - t) / 1000).toFixed(1)} s; load before ${before}, after ${load()}${lhr.runtimeError ? `; runtime error ${lhr.runtimeError.code}` : ""}${lhr.runWarnings.length ? `; warnings: ${lhr.runWarnings.join(" | ")}` : ""}`);
      }
      measured.push({ page, url, lhrs });
    }

    writeFileSync(
      path.join(results, "pages.json"),
      JSON.stringify({ version, head, runs, gzip: process.env.LH_NO_GZIP !== "1", pages: measured.map(({ page, url, lhrs }) => ({ ...page, url, loads: lhrs.map((l) => l._load) })) }, null, 1),
    );
    const md = report(measured, version, head);
    writeFileSync(path.join(results, "report.md"), md);
    process.stdout.write(md);
    log(`JSON reports and report.md in ${results}`);
  } finally {
    cleanup();
  }
}

function report(measured, version, head) {
  const lines = [];
  const first = measured[0].lhrs[0];
  lines.push(`# Lighthouse mobile figures of opsbook's output`);
  lines.push("");
  lines.push(`${version} at ${head}; Lighthouse ${first.lighthouseVersion}, ${first.configSettings.formFactor}, ${first.configSettings.throttlingMethod} throttling; ${first.environment.hostUserAgent.replace(/.*(HeadlessChrome\/[\d.]+).*/, "$1")}; BenchmarkIndex ${first.environment.benchmarkIndex}; ${os.cpus().length} cores; median of ${measured[0].lhrs.length} runs per page; gzip ${process.env.LH_NO_GZIP === "1" ? "off" : "on"}.`);
  lines.push("");
  lines.push("| page | URL | performance | accessibility | best practices | SEO | failing audits that count (weight > 0) | failing diagnostics (weight 0) |");
  lines.push("| --- | --- | ---: | ---: | ---: | ---: | --- | --- |");
  for (const { page, lhrs } of measured) {
    const cells = CATEGORIES.map(([id, , target]) => {
      const m = median(lhrs.map((l) => Math.round(l.categories[id].score * 100)));
      return m < target ? `**${m}**` : String(m);
    });
    const fails = failingUnion(lhrs);
    const ids = (fs) => fs.map((f) => `${f.id}${f.count < lhrs.length ? ` (${f.count}/${lhrs.length})` : ""}`).join(", ") || "none";
    lines.push(`| ${page.name} | \`${page.path}\` | ${cells.join(" | ")} | ${ids(fails.filter((f) => f.weight > 0))} | ${ids(fails.filter((f) => !f.weight))} |`);
  }
  lines.push("");
  lines.push(`Targets (issue 33): performance ≥ 95, the others 100; figures below target in bold. (n/${measured[0].lhrs.length}): the audit failed in n of the runs only.`);
  lines.push("");
  lines.push("## Runs");
  lines.push("");
  lines.push("| page | run | perf | a11y | BP | SEO | FCP | LCP | TBT | CLS | SI | load average before (1/5/15 min) |");
  lines.push("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
  for (const { page, lhrs } of measured) {
    lhrs.forEach((l, i) => {
      const s = CATEGORIES.map(([id]) => Math.round(l.categories[id].score * 100));
      const m = METRICS.map(([id]) => l.audits[id].displayValue);
      lines.push(`| ${page.name} | ${i + 1} | ${s.join(" | ")} | ${m.join(" | ")} | ${l._load} |`);
    });
  }
  lines.push("");
  lines.push("## Failing audits");
  lines.push("");
  lines.push("Per page and category, every audit below a full score in any run: its weight in the category (0: a diagnostic that does not count), in how many runs it failed, and its details from the run of median performance (or the first run it failed in).");
  for (const { page, url, lhrs } of measured) {
    const perf = lhrs.map((l) => l.categories.performance.score);
    const mid = lhrs[perf.indexOf(median(perf))];
    lines.push("");
    lines.push(`### ${page.name}: ${url.replace(/^http:\/\/127\.0\.0\.1:\d+/, "")} (${fmtBytes(page.bytes)} HTML, ${page.imgs} <img>)`);
    for (const [cat, title, target] of CATEGORIES) {
      const m = median(lhrs.map((l) => Math.round(l.categories[cat].score * 100)));
      const fails = failingUnion(lhrs, cat);
      if (!fails.length) continue;
      lines.push("");
      lines.push(`**${title}: ${m}**${m < target ? ` (target ${target})` : ""}`);
      for (const f of fails) {
        const lhr = failing(mid, cat).some((x) => x.id === f.id) ? mid : lhrs.find((l) => failing(l, cat).some((x) => x.id === f.id));
        const a = lhr.audits[f.id];
        const score = a.score === null ? "error" : a.score;
        lines.push(`- \`${f.id}\` (${a.title}): score ${score}, weight ${f.weight}, failed ${f.count}/${lhrs.length}${a.displayValue ? `; ${a.displayValue}` : ""}${a.numericValue !== undefined && a.numericUnit ? ` (${Math.round(a.numericValue)} ${a.numericUnit})` : ""}${a.errorMessage ? `; error: ${a.errorMessage}` : ""}${a.explanation ? `; ${a.explanation}` : ""}`);
        if (a.metricSavings && Object.values(a.metricSavings).some((v) => v)) {
          lines.push(`  - metric savings: ${Object.entries(a.metricSavings).filter(([, v]) => v).map(([k, v]) => `${k} ${Math.round(v * 1000) / 1000}`).join(", ")}`);
        }
        for (const d of detailLines(a)) lines.push(`  ${d}`);
      }
    }
  }
  lines.push("");
  return lines.join("\n");
}

function failingUnion(lhrs, category) {
  const cats = category ? [category] : CATEGORIES.map(([id]) => id);
  const seen = new Map();
  for (const l of lhrs) {
    for (const cat of cats) {
      for (const f of failing(l, cat)) {
        const key = f.id;
        if (!seen.has(key)) seen.set(key, { id: f.id, weight: f.weight, count: 0, cat });
        seen.get(key).count++;
      }
    }
  }
  return [...seen.values()];
}

// `node run.mjs --report DIR`: the report again from a results folder's JSON files.
function reportOnly(dir) {
  const meta = JSON.parse(readFileSync(path.join(dir, "pages.json"), "utf8"));
  const measured = meta.pages.map((p) => ({
    page: p,
    url: p.url,
    lhrs: p.loads.map((l, i) => Object.assign(JSON.parse(readFileSync(path.join(dir, `${p.name}-${i + 1}.json`), "utf8")), { _load: l })),
  }));
  process.stdout.write(report(measured, meta.version, meta.head));
}

const reportAt = process.argv.indexOf("--report");
if (reportAt > 0) {
  reportOnly(path.resolve(process.argv[reportAt + 1]));
  process.exit(0);
}

main().catch((e) => {
  console.error(`lighthouse bench: ${e.message}`);
  process.exit(1);
});
