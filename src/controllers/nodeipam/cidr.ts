// An IPv4 CIDR set (upstream pkg/controller/nodeipam/ipam/cidrset): the cluster CIDR cut into
// subnets of one mask size, handed out in order and released when a node goes.

export function parseIPv4(s: string): number | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const v = Number(p);
    if (v > 255) return undefined;
    n = n * 256 + v;
  }
  return n;
}

export function formatIPv4(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

export function parseCIDR(s: string): { base: number; prefix: number } | undefined {
  const [ip, len] = s.split('/');
  const base = parseIPv4(ip ?? '');
  const prefix = Number(len);
  if (base === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > 32) return undefined;
  const size = 2 ** (32 - prefix);
  return { base: base - (base % size), prefix };
}

export class CIDRSet {
  readonly base: number;
  readonly clusterPrefix: number;
  readonly nodePrefix: number;
  readonly max: number;
  private readonly used = new Set<number>();
  private next = 0;

  constructor(clusterCIDR: string, nodeMaskSize: number) {
    const c = parseCIDR(clusterCIDR);
    if (!c) throw new Error(`invalid cluster CIDR "${clusterCIDR}" (IPv4 CIDR expected)`);
    if (nodeMaskSize < c.prefix || nodeMaskSize > 32) throw new Error(`node CIDR mask size ${nodeMaskSize} does not fit in ${clusterCIDR}`);
    this.base = c.base;
    this.clusterPrefix = c.prefix;
    this.nodePrefix = nodeMaskSize;
    this.max = 2 ** (nodeMaskSize - c.prefix);
  }

  private indexOf(cidr: string): number | undefined {
    const c = parseCIDR(cidr);
    if (!c || c.prefix !== this.nodePrefix) return undefined;
    const i = (c.base - this.base) / 2 ** (32 - this.nodePrefix);
    return Number.isInteger(i) && i >= 0 && i < this.max ? i : undefined;
  }

  private cidrAt(i: number): string {
    return `${formatIPv4(this.base + i * 2 ** (32 - this.nodePrefix))}/${this.nodePrefix}`;
  }

  /** Marks a CIDR as taken; false when it is not one of this set's subnets. */
  occupy(cidr: string): boolean {
    const i = this.indexOf(cidr);
    if (i === undefined) return false;
    this.used.add(i);
    return true;
  }

  release(cidr: string): void {
    const i = this.indexOf(cidr);
    if (i !== undefined) this.used.delete(i);
  }

  /** The next free subnet (round-robin from the last one handed out), or undefined when full. */
  allocateNext(): string | undefined {
    for (let k = 0; k < this.max; k++) {
      const i = (this.next + k) % this.max;
      if (this.used.has(i)) continue;
      this.used.add(i);
      this.next = (i + 1) % this.max;
      return this.cidrAt(i);
    }
    return undefined;
  }
}
