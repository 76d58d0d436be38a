// etcd URLs: etcd://h1:p1,h2:p2/… is not a URL the WHATWG parser accepts; fold the host list into
// ?endpoints= first. Kept apart from the driver so parsing URLs does not load the gRPC stack.

export function normalizeEtcdUrl(raw: string): string {
  const m = /^etcd:\/\/([^/?#]*)([^?#]*)(\?[^#]*)?/.exec(raw);
  if (m === null || !(m[1] ?? '').includes(',')) return raw;
  const hosts = m[1] ?? '';
  const query = new URLSearchParams((m[3] ?? '').slice(1));
  query.set('endpoints', hosts);
  return `etcd://${hosts.split(',')[0]}${m[2] ?? ''}?${query.toString()}`;
}
