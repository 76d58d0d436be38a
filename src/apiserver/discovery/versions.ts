// Kubernetes version priority (k8s.io/apimachinery/pkg/version.CompareKubeAwareVersionStrings):
// GA before beta before alpha, higher numbers first; non-Kubernetes-like versions last.

const KUBE_VERSION = /^v(\d+)(?:(alpha|beta)(\d+))?$/;

function rank(v: string): [number, number, number] | undefined {
  const m = KUBE_VERSION.exec(v);
  if (!m) return undefined;
  const stability = m[2] === undefined ? 3 : m[2] === 'beta' ? 2 : 1;
  return [stability, Number(m[1]), m[3] === undefined ? 0 : Number(m[3])];
}

/** Negative when a is preferred over b. */
export function compareVersionPriority(a: string, b: string): number {
  const ra = rank(a);
  const rb = rank(b);
  if (!ra || !rb) {
    if (ra) return -1;
    if (rb) return 1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  for (let i = 0; i < 3; i++) {
    const d = (rb[i] as number) - (ra[i] as number);
    if (d) return d;
  }
  return 0;
}
