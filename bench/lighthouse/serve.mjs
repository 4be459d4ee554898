// A tiny static server for the Lighthouse benchmark: serves one built output folder on
// 127.0.0.1 as a plain static host would (HTTP/1.1 keep-alive, `index.html` for a
// folder, gzip for text when the browser asks for it, 404.html for a missing file).
// It sends no Cache-Control header and applies no _headers or _redirects file, so
// Lighthouse's cache audits speak of the host, not of opsbook.
//
//   node serve.mjs DIR PORT [--no-gzip]
//
// Prints `listening PORT` on stdout once it accepts connections.

import { createReadStream, promises as fs } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import zlib from "node:zlib";

const [dirArg, portArg, ...flags] = process.argv.slice(2);
if (!dirArg || !portArg) {
  console.error("usage: node serve.mjs DIR PORT [--no-gzip]");
  process.exit(2);
}
const root = path.resolve(dirArg);
const gzip = !flags.includes("--no-gzip");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".pdf": "application/pdf",
};
const COMPRESSIBLE = new Set([".html", ".css", ".js", ".mjs", ".json", ".xml", ".txt", ".svg"]);

async function resolve(urlPath) {
  let rel;
  try {
    rel = decodeURIComponent(urlPath.split("?")[0].split("#")[0]);
  } catch {
    return null;
  }
  const file = path.join(root, path.normalize(rel));
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  try {
    const st = await fs.stat(file);
    if (st.isDirectory()) {
      if (!rel.endsWith("/")) return { redirect: rel + "/" };
      const index = path.join(file, "index.html");
      const ist = await fs.stat(index);
      return { file: index, size: ist.size };
    }
    return { file, size: st.size };
  } catch {
    return null;
  }
}

function send(req, res, status, file, size) {
  const ext = path.extname(file).toLowerCase();
  const headers = { "Content-Type": TYPES[ext] || "application/octet-stream" };
  const wantsGzip = gzip && COMPRESSIBLE.has(ext) && /\bgzip\b/.test(req.headers["accept-encoding"] || "");
  if (wantsGzip) {
    headers["Content-Encoding"] = "gzip";
    headers["Vary"] = "Accept-Encoding";
  } else {
    headers["Content-Length"] = size;
  }
  res.writeHead(status, headers);
  if (req.method === "HEAD") return res.end();
  const stream = createReadStream(file);
  if (wantsGzip) stream.pipe(zlib.createGzip({ level: 6 })).pipe(res);
  else stream.pipe(res);
}

const server = createServer(async (req, res) => {
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405).end();
    return;
  }
  const hit = await resolve(req.url);
  if (hit && hit.redirect) {
    res.writeHead(301, { Location: hit.redirect }).end();
    return;
  }
  if (hit) return send(req, res, 200, hit.file, hit.size);
  const notFound = path.join(root, "404.html");
  try {
    const st = await fs.stat(notFound);
    return send(req, res, 404, notFound, st.size);
  } catch {
    res.writeHead(404, { "Content-Type": "text/plain" }).end("not found\n");
  }
});

server.listen(Number(portArg), "127.0.0.1", () => {
  console.log(`listening ${server.address().port}`);
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.close(() => process.exit(0)));
