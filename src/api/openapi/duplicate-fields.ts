// Strict decoding: keys repeated within one JSON object, reported top-down with their full path
// ('spec.paused', 'spec.template.spec.containers[0].name') for upstream's `duplicate field "x"`.
// A small scanner over the raw text: JSON.parse silently keeps the last duplicate.

export function findDuplicateFields(jsonText: string): string[] {
  const out: string[] = [];
  let i = 0;
  const n = jsonText.length;

  const ws = (): void => {
    while (i < n && (jsonText[i] === ' ' || jsonText[i] === '\n' || jsonText[i] === '\r' || jsonText[i] === '\t')) i++;
  };
  const fail = (): never => {
    throw new SyntaxError(`invalid JSON at offset ${i}`);
  };
  const readString = (): string => {
    const start = i;
    i++; // opening quote
    while (i < n && jsonText[i] !== '"') i += jsonText[i] === '\\' ? 2 : 1;
    if (i >= n) fail();
    i++;
    return JSON.parse(jsonText.slice(start, i)) as string;
  };
  const value = (path: string): void => {
    ws();
    const c = jsonText[i];
    if (c === '{') {
      i++;
      const seen = new Set<string>();
      ws();
      if (jsonText[i] === '}') { i++; return; }
      for (;;) {
        ws();
        if (jsonText[i] !== '"') fail();
        const key = readString();
        const child = path ? `${path}.${key}` : key;
        if (seen.has(key)) out.push(child);
        seen.add(key);
        ws();
        if (jsonText[i] !== ':') fail();
        i++;
        value(child);
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
        value(`${path}[${idx}]`);
        ws();
        if (jsonText[i] === ',') { i++; continue; }
        if (jsonText[i] === ']') { i++; return; }
        fail();
      }
    } else if (c === '"') {
      readString();
    } else {
      // number, true, false, null
      while (i < n && !',}] \n\r\t'.includes(jsonText[i] as string)) i++;
    }
  };

  try {
    value('');
  } catch (e) {
    if (!(e instanceof SyntaxError)) throw e;
    // Malformed JSON is the decoder's to report; return what was found before it.
  }
  return out;
}
