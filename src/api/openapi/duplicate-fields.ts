// Strict decoding: keys repeated within one JSON object, reported top-down with their full path
// ('spec.paused', 'spec.template.spec.containers[0].name') for upstream's `duplicate field "x"`.
// A small scanner over the raw text: JSON.parse silently keeps the last duplicate.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Objects with more keys than this are checked with a Set rather than by scanning the keys. */
const SMALL_OBJECT = 16;

export function findDuplicateFields(jsonText: string): string[] {
  const out: string[] = [];
  let i = 0;
  const n = jsonText.length;
  // The keys and indexes on the way down; a path string is built only for a duplicate.
  const segs: (string | number)[] = [];
  const pathOf = (): string => {
    let path = '';
    for (const seg of segs) {
      if (typeof seg === 'number') path = `${path}[${seg}]`;
      else path = path ? `${path}.${seg}` : seg;
    }
    return path;
  };

  const ws = (): void => {
    for (; i < n; i++) {
      const c = jsonText.charCodeAt(i);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return;
    }
  };
  const fail = (): never => {
    throw new SyntaxError(`invalid JSON at offset ${i}`);
  };
  /** Reads a string token; only text with escapes or control characters goes through JSON.parse (which also refuses the bad ones). */
  const readString = (): string => {
    const start = i;
    i++; // opening quote
    let plain = true;
    for (; i < n; i++) {
      const c = jsonText.charCodeAt(i);
      if (c === QUOTE) break;
      if (c === BACKSLASH) { plain = false; i++; } else if (c < 0x20) plain = false;
    }
    if (i >= n) fail();
    i++;
    return plain ? jsonText.slice(start + 1, i - 1) : JSON.parse(jsonText.slice(start, i)) as string;
  };
  const value = (): void => {
    ws();
    const c = jsonText[i];
    if (c === '{') {
      i++;
      ws();
      if (jsonText[i] === '}') { i++; return; }
      const seen: string[] = [];
      let seenSet: Set<string> | undefined;
      for (;;) {
        ws();
        if (jsonText[i] !== '"') fail();
        const key = readString();
        segs.push(key);
        if (seenSet ? seenSet.has(key) : seen.includes(key)) out.push(pathOf());
        if (seenSet) seenSet.add(key);
        else {
          seen.push(key);
          if (seen.length > SMALL_OBJECT) seenSet = new Set(seen);
        }
        ws();
        if (jsonText[i] !== ':') fail();
        i++;
        value();
        segs.pop();
        ws();
        if (jsonText[i] === ',') { i++; continue; }
        if (jsonText[i] === '}') { i++; return; }
        fail();
      }
    } else if (c === '[') {
      i++;
      ws();
      if (jsonText[i] === ']') { i++; return; }
      for (let idx = 0; ; idx++) {
        segs.push(idx);
        value();
        segs.pop();
        ws();
        if (jsonText[i] === ',') { i++; continue; }
        if (jsonText[i] === ']') { i++; return; }
        fail();
      }
    } else if (c === '"') {
      readString();
    } else {
      // number, true, false, null
      for (; i < n; i++) {
        const d = jsonText.charCodeAt(i);
        if (d === 0x2c || d === 0x7d || d === 0x5d || d === 0x20 || d === 0x0a || d === 0x0d || d === 0x09) break;
      }
    }
  };

  try {
    value();
  } catch (e) {
    if (!(e instanceof SyntaxError)) throw e;
    // Malformed JSON is the decoder's to report; return what was found before it.
  }
  return out;
}
