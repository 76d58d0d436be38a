// Serves /openapi/v2 (JSON or gnostic protobuf) and /openapi/v3 (index and per-group-version
// documents), with ETags and upstream's caching headers. Documents are built lazily and kept.

import { createHash } from 'node:crypto';
import type { Registry } from '../../api/registry.ts';
import type { SchemaModel } from '../../api/openapi-model.ts';
import { encodeSwaggerProto } from './proto.ts';
import { buildSwagger } from './v2.ts';
import { buildV3Document, v3PathOf } from './v3.ts';

export interface OpenAPIRequest {
  path: string;
  query: URLSearchParams;
  accept: string;
  ifNoneMatch?: string;
}

export interface OpenAPIResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface OpenAPIOptions {
  /** info.version, like upstream's gitVersion. */
  version?: string;
}

// kubectl asks for the '@' form; the response names the '.' form, which Go's mime parser accepts.
const PROTO_V2_TYPES = ['application/com.github.proto-openapi.spec.v2.v1.0+protobuf', 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf'];

interface Doc {
  body: Buffer;
  etag: string;
  hash: string;
}

function docOf(body: Buffer): Doc {
  const hash = createHash('sha512').update(body).digest('hex').toUpperCase();
  return { body, hash, etag: `"${hash}"` };
}

function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  return ifNoneMatch.split(',').some((t) => {
    const v = t.trim().replace(/^W\//, '');
    return v === '*' || v === etag;
  });
}

/** The media type the client prefers among the v2 forms, or undefined when it accepts neither. */
function negotiateV2(accept: string): 'json' | 'proto' | undefined {
  for (const part of (accept || '*/*').split(',')) {
    const [type = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    if (params.includes('q=0')) continue;
    if (PROTO_V2_TYPES.includes(type)) return 'proto';
    if (type === 'application/json' || type === 'application/*' || type === '*/*') return 'json';
  }
  return undefined;
}

export class OpenAPIService {
  private readonly registry: Registry;
  private readonly model: SchemaModel;
  private readonly version: string;
  private v2json?: Doc;
  private v2proto?: Doc;
  private v3 = new Map<string, Doc>();

  constructor(registry: Registry, model: SchemaModel, options: OpenAPIOptions = {}) {
    this.registry = registry;
    this.model = model;
    this.version = options.version ?? 'v1.33.0';
  }

  /** Forget built documents (after kinds are added, e.g. CRDs). */
  invalidate(): void {
    this.v2json = undefined;
    this.v2proto = undefined;
    this.v3.clear();
  }

  handle(req: OpenAPIRequest): OpenAPIResponse | undefined {
    const path = req.path.length > 1 && req.path.endsWith('/') ? req.path.slice(0, -1) : req.path;
    if (path === '/openapi/v2') return this.serveV2(req);
    if (path === '/openapi/v3') return this.serveV3Index();
    if (path.startsWith('/openapi/v3/')) return this.serveV3(path.slice('/openapi/v3/'.length), req);
    return undefined;
  }

  private serveV2(req: OpenAPIRequest): OpenAPIResponse {
    const form = negotiateV2(req.accept);
    if (!form) return notAcceptable(req.accept);
    let doc: Doc;
    let contentType: string;
    if (form === 'proto') {
      this.v2proto ??= docOf(encodeSwaggerProto(buildSwagger(this.registry, this.model, this.version)));
      doc = this.v2proto;
      contentType = PROTO_V2_TYPES[0] as string;
    } else {
      this.v2json ??= docOf(Buffer.from(JSON.stringify(buildSwagger(this.registry, this.model, this.version))));
      doc = this.v2json;
      contentType = 'application/json';
    }
    const headers = { 'Content-Type': contentType, ETag: doc.etag, Vary: 'Accept', 'Cache-Control': 'no-cache, private' };
    if (etagMatches(req.ifNoneMatch, doc.etag)) return { status: 304, headers, body: Buffer.alloc(0) };
    return { status: 200, headers, body: doc.body };
  }

  private v3Doc(gv: string): Doc {
    let doc = this.v3.get(gv);
    if (!doc) {
      doc = docOf(Buffer.from(JSON.stringify(buildV3Document(this.registry, this.model, gv, this.version))));
      this.v3.set(gv, doc);
    }
    return doc;
  }

  private serveV3Index(): OpenAPIResponse {
    const paths: Record<string, { serverRelativeURL: string }> = {};
    for (const gv of this.registry.groupVersions().keys()) {
      const p = v3PathOf(gv);
      paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=${this.v3Doc(gv).hash}` };
    }
    const body = Buffer.from(JSON.stringify({ paths }));
    return { status: 200, headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' }, body };
  }

  private serveV3(rest: string, req: OpenAPIRequest): OpenAPIResponse | undefined {
    const parts = rest.split('/');
    let gv: string | undefined;
    if (parts[0] === 'api' && parts.length === 2) gv = parts[1];
    else if (parts[0] === 'apis' && parts.length === 3) gv = `${parts[1]}/${parts[2]}`;
    if (gv === undefined || !this.registry.groupVersions().has(gv)) return undefined;
    const doc = this.v3Doc(gv);
    const hash = req.query.get('hash');
    if (hash !== null && hash !== doc.hash) {
      // A stale link: send the client to the current document, as upstream does.
      const location = `/openapi/v3/${rest}?hash=${doc.hash}`;
      return { status: 301, headers: { Location: location, 'Content-Type': 'text/plain' }, body: Buffer.from(`Moved to ${location}\n`) };
    }
    const headers: Record<string, string> = { 'Content-Type': 'application/json', ETag: doc.etag, Vary: 'Accept' };
    if (hash !== null) {
      headers['Cache-Control'] = 'public, immutable';
      headers.Expires = new Date(Date.now() + 365 * 24 * 3600 * 1000).toUTCString();
    } else {
      headers['Cache-Control'] = 'no-cache, private';
    }
    if (etagMatches(req.ifNoneMatch, doc.etag)) return { status: 304, headers, body: Buffer.alloc(0) };
    return { status: 200, headers, body: doc.body };
  }
}

function notAcceptable(accept: string): OpenAPIResponse {
  const status = {
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
    message: `only the following media types are accepted: application/json, ${PROTO_V2_TYPES.join(', ')}; got ${accept}`,
    reason: 'NotAcceptable', code: 406,
  };
  return { status: 406, headers: { 'Content-Type': 'application/json' }, body: Buffer.from(JSON.stringify(status)) };
}
