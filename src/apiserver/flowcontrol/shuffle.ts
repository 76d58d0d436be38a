// Shuffle sharding (upstream's k8s.io/apiserver/pkg/util/shufflesharding): a flow's hash picks a
// hand of handSize distinct queues out of a deck of `queues`, the same hand every time, so a
// heavy flow lands on a few queues and most other flows share at most some of them.

/** 2^32, to build a 53-bit hash out of two 32-bit ones. */
const TWO_32 = 4294967296;

function fnv1a(s: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h;
}

/**
 * The flow's hash: a safe integer below 2^53 from the FlowSchema name and the flow distinguisher
 * (upstream hashes the pair with SHA-256 and keeps 64 bits; 53 bits deal any hand up to 53 bits
 * of entropy, and past that the last cards come from the low bits again, still deterministic).
 */
export function flowHash(schema: string, distinguisher: string): number {
  const key = `${schema}\u0000${distinguisher}`;
  const hi = fnv1a(key, 0x811c9dc5) & 0x1fffff;
  const lo = fnv1a(key, 0x2166136a);
  return hi * TWO_32 + lo;
}

/**
 * Deals handSize distinct card indexes in [0, deckSize) from hash into out (which it overwrites;
 * out.length becomes handSize). Card i takes the (hash mod (deckSize - i))-th card still in the
 * deck, so no two cards repeat.
 */
export function dealHand(hash: number, deckSize: number, handSize: number, out: number[]): void {
  out.length = handSize;
  let h = hash;
  for (let i = 0; i < handSize; i++) {
    const remaining = deckSize - i;
    const card = h % remaining;
    h = Math.floor(h / remaining);
    if (h === 0 && i + 1 < handSize) h = hash; // out of entropy: reuse the bits (still a valid, fixed hand)
    out[i] = nthRemaining(out, i, card);
  }
}

/** The index of the n-th card (0-based) of [0, ∞) not among the first `dealt` entries of hand. */
function nthRemaining(hand: number[], dealt: number, n: number): number {
  let card = n;
  // Each dealt card at or below the candidate pushes it one further; repeat until stable.
  for (;;) {
    let below = 0;
    for (let k = 0; k < dealt; k++) if ((hand[k] ?? 0) <= card) below++;
    const next = n + below;
    if (next === card) return card;
    card = next;
  }
}
