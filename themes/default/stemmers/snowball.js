/* opsbook: the runtime of the browser's Snowball stemmers (the files beside it, generated
   by generate.mjs), a port of rust-stemmers 1.2.0's SnowballEnv (src/snowball/
   snowball_env.rs). Like it, it works on UTF-8 byte offsets: the word is held as a string
   of its UTF-8 bytes (one char code 0-255 per byte), so cursors, hops, among searches and
   groupings give exactly the Rust stems.

   rust-stemmers: Copyright (c) 2017 Jakob Demler, MIT licence (see the generated files). */
(function (global) {
  'use strict';

  /** The UTF-8 bytes of a word, one char code per byte. */
  function toBytes(word) { return unescape(encodeURIComponent(word)); }

  /** The word of a string of UTF-8 bytes. */
  function fromBytes(bytes) { return decodeURIComponent(escape(bytes)); }

  function Env(bytes) {
    this.current = bytes;
    this.cursor = 0;
    this.limit = bytes.length;
    this.limit_backward = 0;
    this.bra = 0;
    this.ket = bytes.length;
  }

  Env.prototype.is_char_boundary = function (i) {
    if (i === 0) return true;
    if (i >= this.current.length) return i === this.current.length;
    return (this.current.charCodeAt(i) & 0xc0) !== 0x80;
  };

  /** The code point starting at byte `i`. */
  Env.prototype.char_at = function (i) {
    var s = this.current;
    var b = s.charCodeAt(i);
    if (b < 0x80) return b;
    if (b < 0xe0) return ((b & 0x1f) << 6) | (s.charCodeAt(i + 1) & 0x3f);
    if (b < 0xf0) return ((b & 0x0f) << 12) | ((s.charCodeAt(i + 1) & 0x3f) << 6) | (s.charCodeAt(i + 2) & 0x3f);
    return ((b & 0x07) << 18) | ((s.charCodeAt(i + 1) & 0x3f) << 12) | ((s.charCodeAt(i + 2) & 0x3f) << 6) |
      (s.charCodeAt(i + 3) & 0x3f);
  };

  Env.prototype.char_count = function () {
    var n = 0;
    for (var i = 0; i < this.current.length; i++) if ((this.current.charCodeAt(i) & 0xc0) !== 0x80) n++;
    return n;
  };

  Env.prototype.replace_s = function (bra, ket, s) {
    var adjustment = s.length - (ket - bra);
    this.current = this.current.slice(0, bra) + s + this.current.slice(ket);
    this.limit += adjustment;
    if (this.cursor >= ket) this.cursor += adjustment;
    else if (this.cursor > bra) this.cursor = bra;
    return adjustment;
  };

  Env.prototype.eq_s = function (s) {
    if (this.cursor >= this.limit) return false;
    if (!this.current.startsWith(s, this.cursor)) return false;
    this.cursor += s.length;
    while (!this.is_char_boundary(this.cursor)) this.cursor++;
    return true;
  };

  Env.prototype.eq_s_b = function (s) {
    if (this.cursor - this.limit_backward < s.length) return false;
    var at = this.cursor - s.length;
    if (!this.is_char_boundary(at) || !this.current.startsWith(s, at)) return false;
    this.cursor = at;
    return true;
  };

  Env.prototype.slice_from = function (s) { this.replace_s(this.bra, this.ket, s); return true; };

  Env.prototype.slice_del = function () { return this.slice_from(''); };

  Env.prototype.slice_to = function () { return this.current.slice(this.bra, this.ket); };

  Env.prototype.insert = function (bra, ket, s) {
    var adjustment = this.replace_s(bra, ket, s);
    if (bra <= this.bra) this.bra += adjustment;
    if (bra <= this.ket) this.ket += adjustment;
  };

  Env.prototype.next_char = function () {
    this.cursor++;
    while (!this.is_char_boundary(this.cursor)) this.cursor++;
  };

  Env.prototype.previous_char = function () {
    this.cursor--;
    while (!this.is_char_boundary(this.cursor)) this.cursor--;
  };

  Env.prototype.byte_index_for_hop = function (delta) {
    var res = this.cursor;
    var len = this.current.length;
    for (; delta > 0; delta--) {
      res++;
      while (res <= len && !this.is_char_boundary(res)) res++;
    }
    for (; delta < 0; delta++) {
      res--;
      while (res >= 0 && !this.is_char_boundary(res)) res--;
    }
    return res;
  };

  function inSet(chars, min, max, ch) {
    if (ch > max || ch < min) return false;
    ch -= min;
    return (chars[ch >> 3] & (1 << (ch & 7))) !== 0;
  }

  Env.prototype.in_grouping = function (chars, min, max) {
    if (this.cursor >= this.limit || this.cursor >= this.current.length) return false;
    if (!inSet(chars, min, max, this.char_at(this.cursor))) return false;
    this.next_char();
    return true;
  };

  Env.prototype.in_grouping_b = function (chars, min, max) {
    if (this.cursor <= this.limit_backward) return false;
    this.previous_char();
    var ch = this.char_at(this.cursor);
    this.next_char();
    if (!inSet(chars, min, max, ch)) return false;
    this.previous_char();
    return true;
  };

  Env.prototype.out_grouping = function (chars, min, max) {
    if (this.cursor >= this.limit || this.cursor >= this.current.length) return false;
    if (inSet(chars, min, max, this.char_at(this.cursor))) return false;
    this.next_char();
    return true;
  };

  Env.prototype.out_grouping_b = function (chars, min, max) {
    if (this.cursor <= this.limit_backward) return false;
    this.previous_char();
    var ch = this.char_at(this.cursor);
    this.next_char();
    if (inSet(chars, min, max, ch)) return false;
    this.previous_char();
    return true;
  };

  /** The index of the among row found, its result (rows: [string, substring index,
      result, condition]), forwards from the cursor. */
  Env.prototype.find_among = function (amongs, context) {
    var i = 0;
    var j = amongs.length;
    var c = this.cursor;
    var l = this.limit;
    var s = this.current;
    var commonI = 0;
    var commonJ = 0;
    var firstKeyInspected = false;
    for (;;) {
      var k = i + ((j - i) >> 1);
      var diff = 0;
      var common = Math.min(commonI, commonJ);
      var w = amongs[k][0];
      for (var lvar = common; lvar < w.length; lvar++) {
        if (c + common === l) { diff = -1; break; }
        diff = s.charCodeAt(c + common) - w.charCodeAt(lvar);
        if (diff !== 0) break;
        common++;
      }
      if (diff < 0) { j = k; commonJ = common; } else { i = k; commonI = common; }
      if (j - i <= 1) {
        if (i > 0 || j === i || firstKeyInspected) break;
        firstKeyInspected = true;
      }
    }
    for (;;) {
      var row = amongs[i];
      if (commonI >= row[0].length) {
        this.cursor = c + row[0].length;
        if (!row[3]) return row[2];
        var res = row[3](this, context);
        this.cursor = c + row[0].length;
        if (res) return row[2];
      }
      i = row[1];
      if (i < 0) return 0;
    }
  };

  /** `find_among`, backwards from the cursor. */
  Env.prototype.find_among_b = function (amongs, context) {
    var i = 0;
    var j = amongs.length;
    var c = this.cursor;
    var lb = this.limit_backward;
    var s = this.current;
    var commonI = 0;
    var commonJ = 0;
    var firstKeyInspected = false;
    for (;;) {
      var k = i + ((j - i) >> 1);
      var diff = 0;
      var common = commonI < commonJ ? commonI : commonJ;
      var w = amongs[k][0];
      for (var lvar = w.length - common - 1; lvar >= 0; lvar--) {
        if (c - common === lb) { diff = -1; break; }
        diff = s.charCodeAt(c - common - 1) - w.charCodeAt(lvar);
        if (diff !== 0) break;
        common++;
      }
      if (diff < 0) { j = k; commonJ = common; } else { i = k; commonI = common; }
      if (j - i <= 1) {
        if (i > 0 || j === i || firstKeyInspected) break;
        firstKeyInspected = true;
      }
    }
    for (;;) {
      var row = amongs[i];
      if (commonI >= row[0].length) {
        this.cursor = c - row[0].length;
        if (!row[3]) return row[2];
        var res = row[3](this, context);
        this.cursor = c - row[0].length;
        if (res) return row[2];
      }
      i = row[1];
      if (i < 0) return 0;
    }
  };

  /** The stemmer of a generated algorithm: a function from a (folded, lower-case) word
      to its stem. */
  function stemmer(algorithm) {
    return function (word) {
      var env = new Env(toBytes(word));
      algorithm(env);
      return fromBytes(env.current);
    };
  }

  var api = { Env: Env, stemmer: stemmer, toBytes: toBytes, fromBytes: fromBytes };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  else global.OpsbookSnowball = api;
})(this);
