// The pod-template-hash (upstream controller.ComputeHash): FNV-1a 32-bit over the pod template
// (here its canonical JSON, keys sorted), then over the collisionCount as four little-endian bytes,
// and the decimal result encoded with rand.SafeEncodeString's alphabet (no vowels, no 0/1/3).

const Alphanums = 'bcdfghjklmnpqrstvwxz2456789';

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

export function fnv32a(bytes: Uint8Array, seed = 0x811c9dc5): number {
  let h = seed;
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function safeEncodeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += Alphanums[s.charCodeAt(i) % Alphanums.length];
  return out;
}

export function computeHash(template: unknown, collisionCount?: number): string {
  let h = fnv32a(Buffer.from(canonical(template), 'utf8'));
  if (collisionCount !== undefined) {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(collisionCount >>> 0);
    h = fnv32a(b, h);
  }
  return safeEncodeString(String(h));
}

/** Templates equal once the pod-template-hash label is ignored (upstream EqualIgnoreHash). */
export function equalIgnoreHash(a: unknown, b: unknown): boolean {
  const strip = (t: unknown): unknown => {
    const c = structuredClone(t ?? {}) as { metadata?: { labels?: Record<string, string> } };
    if (c.metadata?.labels) {
      delete c.metadata.labels['pod-template-hash'];
      if (Object.keys(c.metadata.labels).length === 0) delete c.metadata.labels;
    }
    if (c.metadata && Object.keys(c.metadata).length === 0) delete c.metadata;
    return c;
  };
  return canonical(strip(a)) === canonical(strip(b));
}
