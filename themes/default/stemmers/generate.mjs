// Writes the browser's Snowball stemmers: one JavaScript file per language, translated
// line by line from the Rust code of rust-stemmers 1.2.0 (the crate crates/search/src/search_index/text.rs
// stems the index with), so that the client stems a query word exactly as the indexer
// stemmed the page's words. The runtime the files call (cursor, limits, bra/ket, among
// search, groupings, slices) is snowball.js, a port of rust-stemmers' SnowballEnv; like
// it, the generated code works on UTF-8 byte offsets: a word is held as a string of its
// UTF-8 bytes (one char code 0-255 per byte) and every literal is written the same way.
//
// Run from the repository root after rust-stemmers changes (its sources are in the cargo
// registry once the crate was built):
//
//   node themes/default/stemmers/generate.mjs [path/to/rust-stemmers-1.2.0]
//
// tests/js/analysis.test.cjs checks the output against the Rust stemmers word for word.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

function findCrate() {
  if (process.argv[2]) return process.argv[2];
  const registry = path.join(process.env.CARGO_HOME || path.join(os.homedir(), '.cargo'), 'registry', 'src');
  for (const index of fs.readdirSync(registry)) {
    const dir = path.join(registry, index, 'rust-stemmers-1.2.0');
    if (fs.existsSync(dir)) return dir;
  }
  throw new Error('rust-stemmers-1.2.0 not found in the cargo registry: build opsbook once, or pass its path');
}

/** A Rust string literal's text as a JavaScript literal of its UTF-8 bytes. */
function bytesLiteral(rust) {
  const text = rust.replace(/\\u\{([0-9A-Fa-f]+)\}|\\(["\\])/g, (_, hex, ch) => (hex ? String.fromCodePoint(parseInt(hex, 16)) : ch));
  let out = '"';
  for (const byte of Buffer.from(text, 'utf8')) {
    if (byte === 0x22 || byte === 0x5c) out += '\\' + String.fromCharCode(byte);
    else if (byte >= 0x20 && byte < 0x7f) out += String.fromCharCode(byte);
    else out += '\\x' + byte.toString(16).padStart(2, '0');
  }
  return out + '"';
}

const STRING = /"(?:[^"\\]|\\.)*"/g;

/** Translates one algorithm's Rust file. */
function translate(rust, name) {
  const out = [];
  let inStruct = false;
  let loops = 0;
  for (const raw of rust.split('\n')) {
    let line = raw.trim();
    if (!line || line.startsWith('//') || line.startsWith('#') || line.startsWith('use ')) continue;
    if (line === 'struct Context {') { inStruct = true; continue; }
    if (inStruct) { if (line === '}') inStruct = false; continue; }
    let m;
    if ((m = line.match(/^static (A_\d+): &'static \[Among<Context>; \d+\] = &\[$/))) { out.push(`var ${m[1]} = [`); continue; }
    if ((m = line.match(/^Among\(("(?:[^"\\]|\\.)*"), (-?\d+), (-?\d+), (None|Some\(&(\w+)\))\),$/))) {
      out.push(`[${bytesLiteral(m[1].slice(1, -1))}, ${m[2]}, ${m[3]}${m[5] ? ', ' + m[5] : ''}],`);
      continue;
    }
    if ((m = line.match(/^static (G_\w+): &'static \[u8; \d+\] = &(\[[\d, ]*\]);$/))) { out.push(`var ${m[1]} = ${m[2]};`); continue; }
    if ((m = line.match(/^fn (r_\w+)\(env: &mut SnowballEnv, context: &mut Context\) -> bool \{$/))) {
      out.push(`function ${m[1]}(env, context) {`);
      continue;
    }
    if (line === 'pub fn stem(env: &mut SnowballEnv) -> bool {') { out.push('function stem(env) {'); continue; }
    if (line === 'let mut context = &mut Context {') { out.push('var context = {'); continue; }
    // Strings: bytes, and the places a Rust reference was taken.
    const strings = [];
    line = line.replace(STRING, (s) => { strings.push(bytesLiteral(s.slice(1, -1))); return '\u0000' + (strings.length - 1) + '\u0000'; });
    line = line.replace(/String::new\(\)/g, '""');
    line = line.replace(/&(\u0000|context\.)/g, '$1');
    line = line.replace(/ as (i32|usize)\b/g, '');
    line = line.replace(/env\.current\.chars\(\)\.count\(\)/g, 'env.char_count()');
    line = line.replace(/\.is_empty\(\)/g, '.length === 0');
    line = line.replace(/(break|continue) '(\w+);/g, '$1 $2;');
    if ((m = line.match(/^'(\w+): loop ?\{$/))) line = `${m[1]}: while (true) {`;
    else if ((m = line.match(/^(?:'(\w+): )?for _ in 0\.\.(.+) \{$/))) {
      const n = `_n${loops++}`;
      line = `${m[1] ? m[1] + ': ' : ''}for (var ${n} = ${m[2]}; ${n} > 0; ${n}--) {`;
    } else if ((m = line.match(/^let \((\w+), (\w+)\) = \((.+), (.+)\);$/))) line = `var ${m[1]} = ${m[3]}, ${m[2]} = ${m[4]};`;
    else if ((m = line.match(/^let (?:mut )?(\w+)( = .*)?;$/))) line = `var ${m[1]}${m[2] || ''};`;
    else if ((m = line.match(/^(\} else )?if (.+?) ?\{$/))) line = `${m[1] || ''}if (${m[2]}) {`;
    else if ((m = line.match(/^(\w+): (.+),$/))) line = `${m[1]}: ${m[2]},`;
    else if (!/^((break|continue)( \w+)?;|\}|\];?|\};|return (true|false);|[\w.]+ = .+;|[\w.]+\(.*\);|\w+ -= 1;|\} else \{)$/.test(line)) {
      throw new Error(`${name}: no translation for: ${raw.trim()}`);
    }
    line = line.replace(/\u0000(\d+)\u0000/g, (_, i) => strings[Number(i)]);
    out.push(line);
  }
  return out;
}

/** Indents the translated lines by their braces. */
function indent(lines, depth) {
  return lines.map((line) => {
    if (/^[}\]]/.test(line)) depth--;
    const text = '  '.repeat(depth) + line;
    if (/[{[]$/.test(line)) depth++;
    return text;
  }).join('\n');
}

const crate = findCrate();
const licence = fs.readFileSync(path.join(crate, 'LICENSE'), 'utf8').trim();
const algorithms = path.join(crate, 'src', 'snowball', 'algorithms');
const languages = fs.readdirSync(algorithms).filter((f) => f.endsWith('.rs') && f !== 'mod.rs' && f !== 'english.rs')
  .map((f) => f.slice(0, -3)).sort();
for (const language of languages) {
  const body = translate(fs.readFileSync(path.join(algorithms, language + '.rs'), 'utf8'), language);
  const text = `/* opsbook: the Snowball ${language} stemmer, generated by themes/default/stemmers/generate.mjs
   from rust-stemmers 1.2.0 (src/snowball/algorithms/${language}.rs, itself generated from
   the Snowball algorithm at snowballstem.org); do not edit. Runs on snowball.js.

${licence.split('\n').map((l) => '   ' + l).join('\n').replace(/ +$/gm, '')}

   The Snowball algorithms: Copyright (c) 2001, Dr Martin Porter; Copyright (c) 2002,
   Richard Boulton; BSD licence (snowballstem.org/license.html). */
(function (global) {
  'use strict';
  var node = typeof module !== 'undefined' && module.exports;
  var Snowball = node ? require('./snowball.js') : global.OpsbookSnowball;
${indent(body, 1)}
  var stemmer = Snowball.stemmer(stem);
  if (node) module.exports = stemmer;
  else (global.OpsbookStemmers = global.OpsbookStemmers || {}).${language} = stemmer;
})(this);
`;
  fs.writeFileSync(path.join(here, language + '.js'), text);
}
console.log(`wrote ${languages.length} stemmers to ${path.relative(process.cwd(), here)}`);
