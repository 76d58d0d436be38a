// Upstream's ControllerExpectations / UIDTrackingControllerExpectations: after asking for N
// creations (or deletions of given pods), a controller does not act on that key again until the
// informer has shown them, or five minutes have passed — so informer lag never creates twice.

const ExpectationsTimeoutMs = 5 * 60 * 1000;

interface Expectation {
  add: number;
  del: Set<string>;
  timestamp: number;
}

export class ControllerExpectations {
  private readonly map = new Map<string, Expectation>();
  private readonly now: () => number;

  constructor(now: () => number = Date.now) {
    this.now = now;
  }

  /** True when the controller may sync the key: expectations met, expired, or never set. */
  satisfied(key: string): boolean {
    const e = this.map.get(key);
    if (!e) return true;
    if (e.add <= 0 && e.del.size === 0) return true;
    return this.now() - e.timestamp > ExpectationsTimeoutMs;
  }

  expectCreations(key: string, n: number): void {
    this.map.set(key, { add: n, del: new Set(), timestamp: this.now() });
  }

  /** Expects the deletion of these pods (by namespace/name key). */
  expectDeletions(key: string, podKeys: string[]): void {
    this.map.set(key, { add: 0, del: new Set(podKeys), timestamp: this.now() });
  }

  creationObserved(key: string): void {
    const e = this.map.get(key);
    if (e) e.add--;
  }

  /** A creation that will never happen (the request failed or was skipped). */
  lowerCreations(key: string, n: number): void {
    const e = this.map.get(key);
    if (e) e.add -= n;
  }

  deletionObserved(key: string, podKey: string): void {
    this.map.get(key)?.del.delete(podKey);
  }

  delete(key: string): void {
    this.map.delete(key);
  }
}
