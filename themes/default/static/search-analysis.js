/* opsbook search analysis: the text handling of crates/search/src/search_index/text.rs, in the browser.
   Folding, splitting into words, identifiers and their parts, Chinese, Japanese and
   Korean text as overlapping pairs of characters (bigrams: `イベント` is `イベ`, `ベン`,
   `ント`; the letters next to it, `ga4で`, a word of their own; a CJK character alone
   nothing), stop words and the
   Snowball English stemmer (Porter2), written from the algorithm's description at
   snowballstem.org; the stemmers of the other languages are generated from the Rust
   ones (themes/default/stemmers/), and the build appends the handbook's language's to
   this file. tests/js/analysis.test.cjs checks it word for word against the terms the
   Rust indexer produces (tests/js/fixtures/analysis-terms.json, and languages/ for the
   other languages). Loaded before search.js, which reads it as `OpsbookAnalysis`
   (under Node: require). */
(function (global) {
  'use strict';

  var NODE = typeof module !== 'undefined' && !!module.exports;

  var SPECIAL = { 'ß': 'ss', 'æ': 'ae', 'Æ': 'ae', 'œ': 'oe', 'Œ': 'oe', 'ø': 'o', 'Ø': 'o', 'đ': 'd', 'Đ': 'd',
    'ð': 'd', 'Ð': 'd', 'ł': 'l', 'Ł': 'l', 'þ': 'th', 'Þ': 'th', 'ı': 'i' };
  var SEPARATOR = /[^\p{Alphabetic}\p{N}]+/u;
  var WORD_CHAR = /[\p{Alphabetic}\p{N}]/u;
  var MARK = /^\p{M}$/u;
  /** The characters of Chinese, Japanese and Korean writing: the ranges of
      crates/search/src/search_index/text.rs `CJK_RANGES` (a test there checks this line). */
  var CJK = /[\u{1100}-\u{11FF}\u{3005}-\u{3007}\u{3021}-\u{3029}\u{3031}-\u{3035}\u{3038}-\u{303C}\u{3041}-\u{30FF}\u{3131}-\u{318F}\u{31F0}-\u{31FF}\u{3400}-\u{4DBF}\u{4E00}-\u{9FFF}\u{A960}-\u{A97F}\u{AC00}-\u{D7FF}\u{F900}-\u{FAFF}\u{FF66}-\u{FFDC}\u{1AFF0}-\u{1B16F}\u{20000}-\u{2FA1F}\u{30000}-\u{323AF}]/u;
  /** The characters that join the parts of an identifier: `pg_stat`, `net.ipv4`,
      `CVE-2024`, `argocd.argoproj.io/sync-wave`. */
  var JOINERS = '_.-/';
  /** The longest identifier indexed whole, in characters. */
  var MAX_IDENTIFIER = 64;

  /** Lower case, accents of Latin, Greek and Cyrillic letters dropped (src/slug.rs `fold`). */
  function fold(word) {
    if (/^[\x00-\x7f]*$/.test(word)) return word.toLowerCase();
    var out = '';
    var afterFoldingBase = false;
    for (var ch of word) {
      var cp = ch.codePointAt(0);
      if (cp < 0x80) { out += ch.toLowerCase(); afterFoldingBase = true; continue; }
      if (MARK.test(ch)) { if (!afterFoldingBase) out += ch; continue; }
      if (SPECIAL[ch]) { out += SPECIAL[ch]; afterFoldingBase = true; continue; }
      var parts = Array.from(ch.normalize('NFD'));
      var base = parts[0].codePointAt(0);
      afterFoldingBase = base < 0x530;
      var onlyMarks = parts.slice(1).every(function (m) { return MARK.test(m); });
      out += afterFoldingBase && onlyMarks ? parts[0].toLowerCase() : ch.toLowerCase();
    }
    return out;
  }

  function long(word) { return Array.from(word).length >= 2; }

  /** Whether a character is one of Chinese, Japanese or Korean writing. */
  function isCjk(ch) { return CJK.test(ch); }

  /** Whether a term is a CJK bigram (crates/search/src/search_index/text.rs `is_cjk_term`): its own stem,
      never a stop word, never taken for a typing mistake. */
  function isCjkTerm(term) { var first = Array.from(term)[0]; return !!first && isCjk(first); }

  /** The stretches of a run of letters and digits, `[text, isCjk]`: its CJK characters
      and its other characters, each stretch as long as it goes. */
  function stretches(run) {
    var out = [];
    Array.from(run).forEach(function (ch) {
      var cjk = isCjk(ch);
      var last = out[out.length - 1];
      if (last && last[1] === cjk) last[0] += ch; else out.push([ch, cjk]);
    });
    return out;
  }

  /** The overlapping pairs of characters of a stretch of CJK characters (none for one
      character). */
  function bigrams(stretch) {
    var chars = Array.from(stretch);
    var out = [];
    for (var i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
    return out;
  }

  /** The pieces of a run of letters and digits (crates/search/src/search_index/text.rs `words`): its
      stretches of other characters whole, of CJK characters as bigrams (one alone). */
  function pieces(run) {
    if (!CJK.test(run)) return [run];
    var out = [];
    stretches(run).forEach(function (s) {
      if (s[1] && long(s[0])) out.push.apply(out, bigrams(s[0])); else out.push(s[0]);
    });
    return out;
  }

  /** The folded words of a text, as the index has them (two characters or more). */
  function words(text) {
    var out = [];
    text.split(SEPARATOR).forEach(function (run) { out.push.apply(out, pieces(run)); });
    return out.filter(long).map(fold);
  }

  /** The parts of an ASCII word written in camel case (`KubePodCrashLooping`: Kube, Pod,
      Crash, Looping; `HTTPServer`: HTTP, Server), or none when it is not. */
  function camelParts(word) {
    if (!/^[A-Za-z0-9]+$/.test(word) || !/[a-z][A-Z]|[A-Z][A-Z][a-z]/.test(word)) return [];
    return word.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z])([A-Z][a-z])/g, '$1 $2').split(' ');
  }

  /** Whether an identifier is indexed whole (crates/search/src/search_index/text.rs `is_kept_identifier`):
      joined by `_`, by `.` with letters or two dots or more, or by `-` or `/` with
      letters and digits both in it; never with a CJK character (its words are indexed). */
  function keptIdentifier(identifier) {
    var letters = /\p{Alphabetic}/u.test(identifier);
    var dots = identifier.split('.').length - 1;
    if (CJK.test(identifier)) return false;
    return identifier.indexOf('_') >= 0 || (letters && dots > 0) || dots >= 2 || (letters && /[0-9]/.test(identifier));
  }

  /** The words of a text the index holds, in order: each word (folded), then, for a word
      in camel case, its parts; and after the words of an identifier (a run of words
      joined by `_`, `.` or `-` with nothing else between), the identifier itself,
      folded, joiners kept; a word with CJK characters gives the bigrams of its CJK
      stretches and its other stretches as words. `[word, isIdentifier]` pairs. Mirrors
      `crates/search/src/search_index/text.rs` `for_each_term`. */
  function terms(text) {
    var out = [];
    var chars = Array.from(text);
    var i = 0;
    while (i < chars.length) {
      if (!WORD_CHAR.test(chars[i])) { i++; continue; }
      // A token: words joined by single joiners.
      var start = i;
      var parts = [];
      for (;;) {
        var from = i;
        while (i < chars.length && WORD_CHAR.test(chars[i])) i++;
        parts.push(chars.slice(from, i).join(''));
        if (i + 1 < chars.length && JOINERS.indexOf(chars[i]) >= 0 && WORD_CHAR.test(chars[i + 1])) { i++; continue; }
        break;
      }
      var word = function (part) {
        if (!long(part)) return;
        out.push([fold(part), false]);
        camelParts(part).forEach(function (p) { if (p.length >= 2) out.push([p.toLowerCase(), false]); });
      };
      parts.forEach(function (part) {
        if (!CJK.test(part)) { word(part); return; }
        stretches(part).forEach(function (s) {
          if (!s[1]) word(s[0]);
          else bigrams(s[0]).forEach(function (b) { out.push([b, false]); });
        });
      });
      identifiers(chars, start, i, parts.length, out);
    }
    return out;
  }

  /** The identifiers of the run of joined words `chars[start..end]`, of `parts` words,
      after its words (crates/search/src/search_index/text.rs `emit_identifiers`): each part between slashes
      that is an identifier itself, the whole run, and a command-line flag whole (the run
      right after `--` that follows no word or joiner: `--keep-pvc`). */
  function identifiers(chars, start, end, parts, out) {
    var identifier = chars.slice(start, end).join('');
    var short = function (id) { return Array.from(id).length <= MAX_IDENTIFIER; };
    if (CJK.test(identifier)) return;
    if (identifier.indexOf('/') >= 0) {
      identifier.split('/').forEach(function (segment) {
        if (/[_.\-/]/.test(segment) && keptIdentifier(segment) && short(segment)) out.push([fold(segment), true]);
      });
    }
    if (parts > 1 && keptIdentifier(identifier) && short(identifier)) out.push([fold(identifier), true]);
    var before = chars[start - 3];
    var flag = start >= 2 && chars[start - 1] === '-' && chars[start - 2] === '-' &&
      (before === undefined || (!WORD_CHAR.test(before) && JOINERS.indexOf(before) < 0));
    if (flag && /\p{Alphabetic}/u.test(identifier) && short(identifier)) out.push(['--' + fold(identifier), true]);
  }

  // ---- The Snowball English stemmer (Porter2) ----

  var EXCEPTIONS = { skis: 'ski', skies: 'sky', dying: 'die', lying: 'lie', tying: 'tie', idly: 'idl', gently: 'gentl',
    ugly: 'ugli', early: 'earli', only: 'onli', singly: 'singl', sky: 'sky', news: 'news', howe: 'howe', atlas: 'atlas',
    cosmos: 'cosmos', bias: 'bias', andes: 'andes' };
  var AFTER_1A = ['inning', 'outing', 'canning', 'herring', 'earring', 'proceed', 'exceed', 'succeed'];
  var STEP2 = [['ization', 'ize'], ['ational', 'ate'], ['fulness', 'ful'], ['ousness', 'ous'], ['iveness', 'ive'],
    ['tional', 'tion'], ['biliti', 'ble'], ['lessli', 'less'], ['entli', 'ent'], ['ation', 'ate'], ['alism', 'al'],
    ['aliti', 'al'], ['ousli', 'ous'], ['iviti', 'ive'], ['fulli', 'ful'], ['enci', 'ence'], ['anci', 'ance'],
    ['abli', 'able'], ['izer', 'ize'], ['ator', 'ate'], ['alli', 'al'], ['bli', 'ble'], ['ogi', 'og'], ['li', '']];
  var STEP3 = [['ational', 'ate'], ['tional', 'tion'], ['alize', 'al'], ['icate', 'ic'], ['iciti', 'ic'],
    ['ative', ''], ['ical', 'ic'], ['ness', ''], ['ful', '']];
  var STEP4 = ['ement', 'ance', 'ence', 'able', 'ible', 'ment', 'ant', 'ent', 'ism', 'ate', 'iti', 'ous', 'ive', 'ize',
    'ion', 'al', 'er', 'ic'];
  var DOUBLES = ['bb', 'dd', 'ff', 'gg', 'mm', 'nn', 'pp', 'rr', 'tt'];

  function isVowel(c) { return c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u' || c === 'y'; }

  /** The longest of `list` (strings, or [suffix, ...] rows) that `w` ends with. */
  function longest(w, list) {
    var best = null;
    list.forEach(function (row) {
      var suffix = typeof row === 'string' ? row : row[0];
      if (w.endsWith(suffix) && (!best || suffix.length > (typeof best === 'string' ? best : best[0]).length)) best = row;
    });
    return best;
  }

  /** Whether `w[..end]` ends in a short syllable. */
  function shortSyllable(w, end) {
    var a = w[end - 3];
    var b = w[end - 2];
    var c = w[end - 1];
    if (end >= 3 && !isVowel(a) && isVowel(b) && !isVowel(c) && c !== 'w' && c !== 'x' && c !== 'Y') return true;
    return end === 2 && isVowel(b) && !isVowel(c);
  }

  /** The stem of a folded English word, by the Snowball English algorithm. */
  function stemEnglish(word) {
    if (EXCEPTIONS[word] !== undefined) return EXCEPTIONS[word];
    if (word.length < 3) return word;
    var w = word;
    if (w[0] === "'") w = w.slice(1);
    // Initial y, and y after a vowel, are consonants.
    if (w[0] === 'y') w = 'Y' + w.slice(1);
    for (var i = 1; i < w.length; i++) if (w[i] === 'y' && isVowel(w[i - 1])) w = w.slice(0, i) + 'Y' + w.slice(i + 1);
    // R1 and R2.
    var p1 = w.length;
    var p2 = w.length;
    var afterNonVowel = function (from) {
      for (var k = from; k < w.length; k++) {
        if (isVowel(w[k])) { for (var m = k + 1; m < w.length; m++) if (!isVowel(w[m])) return m + 1; return w.length; }
      }
      return w.length;
    };
    var prefix = ['gener', 'commun', 'arsen'].filter(function (p) { return w.startsWith(p); })[0];
    p1 = prefix ? prefix.length : afterNonVowel(0);
    p2 = afterNonVowel(p1);
    var inR1 = function (suffix) { return w.length - suffix.length >= p1; };
    var inR2 = function (suffix) { return w.length - suffix.length >= p2; };
    var cut = function (suffix, by) { w = w.slice(0, w.length - suffix.length) + by; };
    var hasVowel = function (end) { for (var k = 0; k < end; k++) if (isVowel(w[k])) return true; return false; };
    // Step 0: apostrophes.
    var s0 = longest(w, ["'s'", "'s", "'"]);
    if (s0) cut(s0, '');
    // Step 1a.
    var s1a = longest(w, ['sses', 'ied', 'ies', 's', 'us', 'ss']);
    if (s1a === 'sses') cut(s1a, 'ss');
    else if (s1a === 'ied' || s1a === 'ies') cut(s1a, w.length - 3 > 1 ? 'i' : 'ie');
    else if (s1a === 's' && hasVowel(w.length - 2)) cut(s1a, '');
    if (AFTER_1A.indexOf(w) >= 0) return w.replace(/Y/g, 'y');
    // Step 1b.
    var s1b = longest(w, ['eed', 'eedly', 'ed', 'edly', 'ing', 'ingly']);
    if (s1b === 'eed' || s1b === 'eedly') {
      if (inR1(s1b)) cut(s1b, 'ee');
    } else if (s1b && hasVowel(w.length - s1b.length)) {
      cut(s1b, '');
      if (w.endsWith('at') || w.endsWith('bl') || w.endsWith('iz')) w += 'e';
      else if (DOUBLES.indexOf(w.slice(-2)) >= 0) w = w.slice(0, -1);
      else if (p1 >= w.length && shortSyllable(w, w.length)) w += 'e';
    }
    // Step 1c.
    var last = w[w.length - 1];
    if ((last === 'y' || last === 'Y') && w.length > 2 && !isVowel(w[w.length - 2])) w = w.slice(0, -1) + 'i';
    // Step 2.
    var s2 = longest(w, STEP2);
    if (s2 && inR1(s2[0])) {
      var before = w[w.length - s2[0].length - 1];
      if (s2[0] === 'ogi') { if (before === 'l') cut('ogi', 'og'); }
      else if (s2[0] === 'li') { if (before && 'cdeghkmnrt'.indexOf(before) >= 0) cut('li', ''); }
      else cut(s2[0], s2[1]);
    }
    // Step 3.
    var s3 = longest(w, STEP3);
    if (s3 && inR1(s3[0])) {
      if (s3[0] === 'ative') { if (inR2('ative')) cut('ative', ''); }
      else cut(s3[0], s3[1]);
    }
    // Step 4.
    var s4 = longest(w, STEP4);
    if (s4 && inR2(s4)) {
      if (s4 === 'ion') { var c = w[w.length - 4]; if (c === 's' || c === 't') cut('ion', ''); }
      else cut(s4, '');
    }
    // Step 5.
    if (w.endsWith('e')) {
      if (inR2('e') || (inR1('e') && !shortSyllable(w, w.length - 1))) w = w.slice(0, -1);
    } else if (w.endsWith('ll') && inR2('l')) {
      w = w.slice(0, -1);
    }
    return w.replace(/Y/g, 'y');
  }

  /** English stop words (crates/search/src/search_index/text.rs `ENGLISH_STOP_WORDS`). */
  var ENGLISH_STOP = ['a', 'an', 'and', 'are', 'as', 'at', 'be', 'but', 'by', 'for', 'if', 'in', 'into', 'is', 'it',
    'its', 'no', 'not', 'of', 'on', 'or', 'such', 'that', 'the', 'their', 'then', 'there', 'these', 'they', 'this',
    'to', 'was', 'will', 'with'];

  /** The Snowball algorithm of a BCP 47 language tag (crates/search/src/search_index/text.rs `stemmer_for`),
      or none. */
  var ALGORITHMS = { en: 'english', de: 'german', fr: 'french', es: 'spanish', it: 'italian', nl: 'dutch',
    pt: 'portuguese', sv: 'swedish', no: 'norwegian', nb: 'norwegian', nn: 'norwegian', da: 'danish', fi: 'finnish',
    ru: 'russian', hu: 'hungarian', ro: 'romanian', tr: 'turkish', ar: 'arabic', el: 'greek', ta: 'tamil' };

  function algorithmOf(language) {
    var primary = String(language || '').split(/[-_]/)[0].toLowerCase();
    return Object.prototype.hasOwnProperty.call(ALGORITHMS, primary) ? ALGORITHMS[primary] : null;
  }

  /** The stemmer of an algorithm other than English: the build appends the handbook's
      language's (themes/default/stemmers/, generated from rust-stemmers) to this file,
      where it registers in `OpsbookStemmers`; under Node it is required. */
  function stemmerOf(algorithm) {
    var registered = (global.OpsbookStemmers || {})[algorithm];
    if (registered) return registered;
    return NODE ? require('../stemmers/' + algorithm + '.js') : null;
  }

  /** The analyzer of a language (a BCP 47 tag): `stem(word)` gives the stem of a folded
      word, `null` for a stop word; `exact` says whether the stems are those of the index
      (a language with a Snowball stemmer, or none: words are their own stems), or the
      words as written (a stemmer the page did not load: the index maps every word it
      holds to its stem, so only forms the handbook uses are found). */
  function Analyzer(language) {
    var algorithm = algorithmOf(language || 'en');
    this.english = algorithm === 'english';
    this.stemmer = algorithm && !this.english ? stemmerOf(algorithm) : null;
    this.exact = !algorithm || this.english || !!this.stemmer;
    this.stop = new Set(this.english ? ENGLISH_STOP : []);
  }

  /** Whether a folded term is an identifier (words joined by `_`, `.` or `-`). */
  function isIdentifier(term) { return /[_.\-/]/.test(term); }

  /** The stem of a folded term, `null` for a stop word; an identifier and a CJK bigram
      are their own stems. */
  Analyzer.prototype.stem = function (word) {
    if (isIdentifier(word) || isCjkTerm(word)) return word;
    if (this.stop.has(word)) return null;
    if (this.english) return stemEnglish(word);
    return this.stemmer ? this.stemmer(word) : word;
  };

  var api = { fold: fold, words: words, terms: terms, camelParts: camelParts, stemEnglish: stemEnglish,
    isCjk: isCjk, isCjkTerm: isCjkTerm, stretches: stretches, bigrams: bigrams,
    Analyzer: Analyzer, isIdentifier: isIdentifier, ENGLISH_STOP: ENGLISH_STOP, algorithmOf: algorithmOf };
  if (NODE) module.exports = api;
  else global.OpsbookAnalysis = api;
})(this);
