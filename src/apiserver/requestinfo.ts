// Parses a request path into upstream's RequestInfo (k8s.io/apiserver/pkg/endpoints/request).

export type RequestVerb =
  | 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection'
  | 'proxy' | 'connect';

export interface RequestInfo {
  isResourceRequest: boolean;
  path: string;
  verb: RequestVerb | string;
  apiPrefix: string;
  group: string;
  version: string;
  namespace: string;
  resource: string;
  subresource: string;
  name: string;
  parts: string[];
}

const namespaceSubresources = new Set(['status', 'finalize']);

export function parseRequestInfo(method: string, path: string, query: URLSearchParams): RequestInfo {
  const info: RequestInfo = {
    isResourceRequest: false, path, verb: method.toLowerCase(), apiPrefix: '', group: '', version: '',
    namespace: '', resource: '', subresource: '', name: '', parts: [],
  };
  const segs = path.split('/').filter((s) => s !== '');
  const prefix = segs[0];
  if (prefix !== 'api' && prefix !== 'apis') return info;
  info.apiPrefix = prefix;
  let rest = segs.slice(1);
  if (prefix === 'apis') {
    if (rest.length < 2) return info; // /apis, /apis/group: discovery
    info.group = rest[0] ?? '';
    rest = rest.slice(1);
  }
  if (rest.length < 1) return info; // /api
  info.version = rest[0] ?? '';
  rest = rest.slice(1);
  if (rest.length === 0) return info; // /api/v1, /apis/g/v: discovery
  info.isResourceRequest = true;

  let legacyWatch = false;
  if (rest[0] === 'watch') { legacyWatch = true; rest = rest.slice(1); }
  // /namespaces/{ns}/{resource}/... except the namespace object itself (and its status/finalize).
  if (rest[0] === 'namespaces' && rest.length >= 3 && !(rest.length === 3 && namespaceSubresources.has(rest[2] ?? ''))) {
    info.namespace = rest[1] ?? '';
    rest = rest.slice(2);
  } else if (rest[0] === 'namespaces' && rest.length >= 2) {
    info.namespace = rest[1] ?? '';
  }
  info.parts = rest;
  info.resource = rest[0] ?? '';
  info.name = rest[1] ?? '';
  info.subresource = rest[2] ?? '';

  const m = method.toUpperCase();
  const watchParam = query.get('watch');
  const isWatch = legacyWatch || watchParam === '1' || watchParam === 'true';
  switch (m) {
    case 'GET': case 'HEAD':
      info.verb = isWatch ? 'watch' : info.name ? 'get' : 'list';
      if (info.name && isWatch) {
        // a watch on one object is a list+watch filtered by name, as upstream
        info.verb = 'watch';
      }
      break;
    case 'POST': info.verb = 'create'; break;
    case 'PUT': info.verb = 'update'; break;
    case 'PATCH': info.verb = 'patch'; break;
    case 'DELETE': info.verb = info.name ? 'delete' : 'deletecollection'; break;
    default: info.verb = m.toLowerCase();
  }
  if (info.subresource === 'proxy') info.verb = 'proxy';
  // The legacy /watch/ paths serve watches only.
  if (legacyWatch && m !== 'GET' && m !== 'HEAD') info.verb = 'unsupported';
  return info;
}
