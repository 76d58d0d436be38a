// Content negotiation for discovery: the aggregated APIGroupDiscoveryList profiles
// (application/json;g=apidiscovery.k8s.io;v=v2|v2beta1;as=APIGroupDiscoveryList) or plain JSON.

export interface MediaRange {
  type: string;
  params: Record<string, string>;
}

export function parseAccept(accept: string): MediaRange[] {
  const out: MediaRange[] = [];
  for (const part of accept.split(',')) {
    const [type, ...rest] = part.split(';').map((s) => s.trim());
    if (!type) continue;
    const params: Record<string, string> = {};
    for (const p of rest) {
      const eq = p.indexOf('=');
      if (eq > 0) params[p.slice(0, eq).trim().toLowerCase()] = p.slice(eq + 1).trim().replace(/^"|"$/g, '');
    }
    out.push({ type: type.toLowerCase(), params });
  }
  return out;
}

export type DiscoveryFormat = { aggregated: false } | { aggregated: true; version: 'v2' | 'v2beta1' };

/** The first acceptable format in the client's order of preference; plain JSON when none is named. */
export function negotiateDiscovery(accept: string): DiscoveryFormat {
  for (const r of parseAccept(accept || '*/*')) {
    if (r.params.q === '0') continue;
    const jsonish = r.type === 'application/json' || r.type === 'application/*' || r.type === '*/*';
    if (!jsonish) continue;
    if (r.params.g === undefined && r.params.as === undefined) return { aggregated: false };
    if (r.params.g === 'apidiscovery.k8s.io' && r.params.as === 'APIGroupDiscoveryList' && (r.params.v === 'v2' || r.params.v === 'v2beta1')) {
      return { aggregated: true, version: r.params.v };
    }
  }
  return { aggregated: false };
}
