// A handbook in another language than English finds a query word in another form than
// the one its pages use: the build ships the language's Snowball stemmer in
// search-analysis.js, which stems the query as the index stemmed the pages. Builds a
// small German and a small French handbook with the binary in OPSBOOK_BIN (set by
// tests/browser/run.sh) and runs the built client files as a browser would.
const zlib = require('node:zlib');
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');
const { execFileSync } = require('node:child_process');

const bin = process.env.OPSBOOK_BIN;

/** Builds a handbook of `pages` (path -> Markdown) in `language` (or in `languages`, a
    list, the default first); the output folder. */
function build(language, pages) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'opsbook-languages-'));
  const setting = Array.isArray(language) ? `languages = ${JSON.stringify(language)}` : `language = "${language}"`;
  fs.writeFileSync(path.join(root, 'book.toml'), `[handbook]\ntitle = "Handbuch"\n${setting}\n`);
  for (const [file, text] of Object.entries(pages)) {
    fs.mkdirSync(path.dirname(path.join(root, 'content', file)), { recursive: true });
    fs.writeFileSync(path.join(root, 'content', file), text);
  }
  execFileSync(bin, ['build', '--root', root, '--out', path.join(root, 'public'), '--quiet']);
  return path.join(root, 'public');
}

/** The search engine of a built handbook, from its own search-analysis.js and search.js
    run in one global scope without `module`, as the page's two scripts are in a browser,
    and the parts the search box loads when a search needs them (typing mistakes,
    phrases: there is no document here to load them into). */
function engineOf(out, folder = 'search') {
  // A browser's TextEncoder: the phrase lookup hashes the UTF-8 bytes of a pair.
  const scope = vm.createContext({ TextEncoder });
  for (const file of ['search-analysis.js', 'search.js', 'search-typos.js', 'search-phrases.js']) {
    vm.runInContext(fs.readFileSync(path.join(out, file), 'utf8'), scope);
  }
  const load = (name) => JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(out, folder, name))));
  return new scope.OpsbookSearch.Engine(load);
}

/** The titles of the results of `query`, and the words the engine corrected. */
async function find(engine, query) {
  const found = await engine.search(query);
  const records = await Promise.all(found.results.map((hit) => engine.record(hit.page)));
  return { titles: records.map((r) => r.title), urls: records.map((r) => r.url), corrections: found.corrections };
}

test('a German handbook finds a page by another inflection of its words', { skip: !bin && 'OPSBOOK_BIN is not set' }, async () => {
  const out = build('de', {
    'datenbank.md': '# Umschaltung der Datenbank\n\nWenn die primäre Datenbank ausfällt, schaltet die Bereitschaft auf das Replikat um.\n',
    'zertifikat.md': '# Zertifikat erneuern\n\nDas Zertifikat des Lastverteilers läuft ab: erneuern und prüfen.\n',
    'netz.md': '# Netzwerkstörung\n\nPakete gehen verloren; die Leitung prüfen.\n',
  });
  const script = fs.readFileSync(path.join(out, 'search-analysis.js'), 'utf8');
  // The build writes the script minified: the stemmers are known by what they register.
  assert.ok(/\.german\s*=\s*stemmer/.test(script), 'the German stemmer is shipped');
  assert.ok(!/\.french\s*=\s*stemmer/.test(script), 'only the handbook\'s language');
  const engine = engineOf(out);
  // Forms no page uses (plurals); matched by their stems, not as typing mistakes.
  for (const [query, title] of [['Datenbanken Replikate', 'Umschaltung der Datenbank'], ['Zertifikate', 'Zertifikat erneuern'], ['Netzwerkstörungen Leitungen', 'Netzwerkstörung']]) {
    const { titles, corrections } = await find(engine, query);
    assert.equal(titles[0], title, `${query}: ${titles.join(', ')}`);
    assert.deepEqual(Object.keys(corrections), [], `${query} matched by stem, not as a typing mistake`);
  }
});

test('a French handbook finds a page by another inflection of its words', { skip: !bin && 'OPSBOOK_BIN is not set' }, async () => {
  const out = build('fr', {
    'base.md': '# Basculement de la base de données\n\nQuand le serveur principal tombe en panne, l\'équipe d\'astreinte redémarre le réplica.\n',
    'certificat.md': '# Renouveler le certificat\n\nLe certificat du répartiteur expire : le renouveler puis vérifier.\n',
  });
  const engine = engineOf(out);
  for (const [query, title] of [['serveurs pannes réplicas', 'Basculement de la base de données'], ['certificats renouvelé', 'Renouveler le certificat']]) {
    const { titles, corrections } = await find(engine, query);
    assert.equal(titles[0], title, `${query}: ${titles.join(', ')}`);
    assert.deepEqual(Object.keys(corrections), [], `${query} matched by stem, not as a typing mistake`);
  }
});

test('an English handbook ships search-analysis.js without a stemmer, minified', { skip: !bin && 'OPSBOOK_BIN is not set' }, () => {
  const out = build('en', { 'disk.md': '# Disk full\n\nFree space on the volume.\n' });
  const theme = fs.readFileSync(path.join(__dirname, '../../themes/default/static/search-analysis.js'), 'utf8');
  const shipped = fs.readFileSync(path.join(out, 'search-analysis.js'), 'utf8');
  assert.ok(!/OpsbookSnowball/.test(shipped), 'no Snowball stemmer for English (the analyzer stems it)');
  assert.ok(shipped.length < theme.length * 0.7, `minified: ${shipped.length} of ${theme.length} bytes`);
  // The same analyzer as the theme's file: it stems as the index does.
  const vm = require('node:vm');
  const scope = vm.createContext({});
  vm.runInContext(shipped, scope);
  const analyzer = new scope.OpsbookAnalysis.Analyzer('en');
  const theirs = new (require('../../themes/default/static/search-analysis.js').Analyzer)('en');
  for (const word of ['failover', 'promoting', 'databases', 'replicas']) assert.equal(analyzer.stem(word), theirs.stem(word), word);
});

test('a handbook of two languages searches each language in its own index, stemmed in it', { skip: !bin && 'OPSBOOK_BIN is not set' }, async () => {
  const out = build(['en', 'de'], {
    '_index.md': '# Home\n\nWelcome.\n',
    'db.md': '# Database failover\n\nWhen the primary database fails, promote the replica.\n',
    'db.de.md': '# Umschaltung der Datenbank\n\nWenn die primäre Datenbank ausfällt, das Replikat befördern.\n',
    'disk.md': '# Disk full\n\nFree space on the volume.\n',
  });
  const script = fs.readFileSync(path.join(out, 'search-analysis.js'), 'utf8');
  assert.ok(/\.german\s*=\s*stemmer/.test(script), 'the German stemmer is shipped for the German index');
  const english = engineOf(out);
  const german = engineOf(out, 'de/search');
  // English forms no page uses, stemmed in English; the German page is not in the English index.
  let found = await find(english, 'databases promoted');
  assert.deepEqual(found.urls, ['db/']);
  assert.deepEqual((await find(english, 'Datenbanken')).urls, [], 'German words are not in the English index');
  // German plurals, stemmed in German, find the German page under /de/.
  found = await find(german, 'Datenbanken Replikate');
  assert.deepEqual(found.urls, ['de/db/']);
  assert.deepEqual(Object.keys(found.corrections), [], 'matched by the German stem, not as a typing mistake');
  // A page not yet translated is found in the German site too, at its address there.
  assert.deepEqual((await find(german, 'disk')).urls, ['de/disk/']);
  assert.deepEqual((await find(english, 'disk')).urls, ['disk/']);
});

test('a Japanese handbook finds a page by a word of its text, a quoted phrase, and highlights it', { skip: !bin && 'OPSBOOK_BIN is not set' }, async () => {
  // Japanese is written without spaces: the index and the client both cut CJK text into
  // overlapping pairs of characters (crates/search/src/search_index/text.rs), the built, minified client too.
  const out = build('ja', {
    'ga4.md': '# GA4の計測\n\nga4で収集されるすべてのデータはイベントとして追跡されます。\n',
    'node.md': '# ノードの再起動\n\nKubernetesのノードを再起動する手順です。イベは略語ではありません、ントも。\n',
    'log.md': '# ログ\n\nイベントログとデータの保存期間。\n',
  });
  const engine = engineOf(out);
  const ga4AndLog = (await find(engine, 'イベント')).urls.sort();
  assert.deepEqual(ga4AndLog, ['ga4/', 'log/'], 'every pair of イベント, on the pages that have the word');
  assert.deepEqual((await find(engine, 'データ 追跡')).urls, ['ga4/']);
  assert.deepEqual((await find(engine, 'Kubernetes ノード')).urls, ['node/'], 'the letters next to CJK text are a word');
  assert.deepEqual((await find(engine, 'ga4')).urls, ['ga4/']);
  // A quoted phrase: its pairs one after the other. `イベントとして` is on one page only.
  assert.deepEqual((await find(engine, '"イベント"')).urls.sort(), ['ga4/', 'log/']);
  assert.deepEqual((await find(engine, '"イベントとして"')).urls, ['ga4/']);
  assert.deepEqual((await find(engine, '"イベントログ"')).urls, ['log/']);
  // No typing mistake is taken for a CJK word: a pair no page has matches nothing.
  const none = await engine.search('イベンド');
  assert.deepEqual(Object.keys(none.corrections), []);
  // The snippet highlights the matched stretch of the CJK text.
  const found = await engine.search('イベント');
  const hit = found.results[0];
  const best = (await engine.sections(hit.page, hit.sections)).find((s) => s.text.includes('イベント'));
  const scope = vm.createContext({});
  vm.runInContext(fs.readFileSync(path.join(out, 'search-analysis.js'), 'utf8'), scope);
  vm.runInContext(fs.readFileSync(path.join(out, 'search.js'), 'utf8'), scope);
  const marked = scope.OpsbookSearch.snippet(best.text, found, 28).filter((p) => p[1]).map((p) => p[0]);
  assert.deepEqual(Array.from(new Set(marked)), ['イベント']);
  const heading = scope.OpsbookSearch.highlight('イベントの収集', found);
  assert.equal(JSON.stringify(heading), JSON.stringify([['イベント', true], ['の収集', false]]));
});
