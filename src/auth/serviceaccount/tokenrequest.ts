// POST .../serviceaccounts/NAME/token: the TokenRequest API (upstream's
// pkg/registry/core/serviceaccount/storage/token.go). Issues a bound token for the service
// account, optionally bound to a Pod, Secret or Node of the same namespace.

import { StatusError, badRequest, conflict, internalError, invalid, methodNotAllowed } from '../../api/errors.ts';
import type { KubeObject } from '../../api/types.ts';
import { PROTOBUF_CONTENT_TYPE } from '../../api/protobuf/media.ts';
import { isPlainObject } from '../../api/types.ts';
import { validateTokenRequest } from '../../api/validation/authn.ts';
import type { ApiContext } from '../../apiserver/rest/context.ts';
import { readBody } from '../../apiserver/rest/objects.ts';
import type { SubresourceHandler } from '../../apiserver/rest/resource.ts';
import type { ObjectRef } from './claims.ts';
import { EXPIRATION_EXTENSION_SECONDS, WARN_ONLY_BOUND_TOKEN_EXPIRATION_SECONDS, boundClaims } from './claims.ts';
import type { TokenGenerator } from './jwt.ts';

export const DEFAULT_TOKEN_EXPIRATION_SECONDS = 60 * 60;
const TOKEN_REQUEST = { group: 'authentication.k8s.io', kind: 'TokenRequest' };
const GV = 'authentication.k8s.io/v1';

export interface TokenRequestOptions {
  generator: () => TokenGenerator;
  /** Default audiences of requests that name none (--api-audiences). */
  apiAudiences: readonly string[];
  /** --service-account-max-token-expiration in seconds (0: no cap). */
  maxExpirationSeconds?: number;
  /** --service-account-extend-token-expiration (default true). */
  extendExpiration?: boolean;
  now?: () => number;
}

/** RFC 3339 with seconds precision, as metav1.Time marshals. */
function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

async function getObject(ctx: ApiContext, resource: string, namespace: string, name: string): Promise<KubeObject> {
  const rs = ctx.storageByResource('', resource);
  if (!rs) throw internalError(new Error(`no storage for ${resource}`));
  return rs.get(namespace, name);
}

function decodeTokenRequest(value: unknown): KubeObject {
  if (!isPlainObject(value)) throw badRequest(`Object 'TokenRequest' is not a valid object: expected a JSON object`);
  if (value.apiVersion !== undefined && value.apiVersion !== GV) {
    throw badRequest(`the API version in the data (${String(value.apiVersion)}) does not match the expected API version (${GV})`);
  }
  if (value.kind !== undefined && value.kind !== 'TokenRequest') {
    throw badRequest(`the kind in the data (${String(value.kind)}) does not match the expected kind (TokenRequest)`);
  }
  if (value.metadata !== undefined && !isPlainObject(value.metadata)) throw badRequest('TokenRequest.metadata must be an object');
  if (value.spec !== undefined && value.spec !== null && !isPlainObject(value.spec)) throw badRequest('TokenRequest.spec must be an object');
  const tr = { ...value, apiVersion: GV, kind: 'TokenRequest' } as KubeObject;
  tr.metadata = { ...(isPlainObject(value.metadata) ? value.metadata : {}) };
  return tr;
}

function spec(tr: KubeObject): Record<string, unknown> {
  const s = (tr as { spec?: unknown }).spec;
  const out = isPlainObject(s) ? { ...s } : {};
  (tr as { spec?: unknown }).spec = out;
  return out;
}

export function tokenRequestHandler(o: TokenRequestOptions): SubresourceHandler {
  const now = o.now ?? Date.now;
  const apiAudiences = new Set(o.apiAudiences);
  return async (ctx, ex, info) => {
    if (ex.method !== 'POST') throw methodNotAllowed(`${ex.method} is not supported on serviceaccounts/token`);
    const name = info.name;
    const namespace = info.namespace;
    if (!namespace) throw badRequest('namespace is required');
    // kubectl ≥ 1.32 sends the TokenRequest as protobuf.
    const body = await readBody(ex, ctx.options.maxRequestBytes, ['application/json', 'application/yaml', PROTOBUF_CONTENT_TYPE]);
    const req = decodeTokenRequest(body.value);
    const meta = req.metadata;
    if (meta.name && meta.name !== name) {
      throw invalid(TOKEN_REQUEST, name, [{ type: 'FieldValueInvalid', field: 'metadata.name', value: meta.name, detail: 'must match the service account name if specified' }]);
    }
    if (meta.namespace && meta.namespace !== namespace) {
      throw invalid(TOKEN_REQUEST, name, [{ type: 'FieldValueInvalid', field: 'metadata.namespace', value: meta.namespace, detail: 'must match the service account namespace if specified' }]);
    }
    const sa = await getObject(ctx, 'serviceaccounts', namespace, name);
    const saUID = sa.metadata.uid ?? '';
    if (meta.uid && meta.uid !== saUID) {
      ex.warnings.push(`the UID in the token request (${meta.uid}) does not match the UID of the service account (${saUID}) but TokenRequestServiceAccountUIDValidation is not enabled. In the future, this will return a conflict error`);
    }
    const s = spec(req);
    const requestedAudiences = Array.isArray(s.audiences) ? s.audiences.filter((a): a is string => typeof a === 'string') : [];
    s.audiences = requestedAudiences.length > 0 ? requestedAudiences : [...o.apiAudiences];
    if (s.expirationSeconds === undefined || s.expirationSeconds === null) s.expirationSeconds = DEFAULT_TOKEN_EXPIRATION_SECONDS;
    if (typeof s.expirationSeconds !== 'number' || !Number.isInteger(s.expirationSeconds)) {
      throw badRequest(`json: cannot unmarshal ${typeof s.expirationSeconds} into Go struct field TokenRequestSpec.spec.expirationSeconds of type int64`);
    }
    meta.name ||= name;
    meta.namespace ||= namespace;
    meta.uid ||= saUID;
    const nowMs = now();
    meta.creationTimestamp = rfc3339(nowMs);
    delete (req as { status?: unknown }).status;
    const errs = validateTokenRequest(req);
    if (errs.length > 0) throw invalid(TOKEN_REQUEST, '', errs);

    let pod: ObjectRef | undefined;
    let secret: ObjectRef | undefined;
    let node: ObjectRef | undefined;
    const ref = isPlainObject(s.boundObjectRef) ? s.boundObjectRef : undefined;
    if (ref) {
      const apiVersion = typeof ref.apiVersion === 'string' ? ref.apiVersion : '';
      const kind = typeof ref.kind === 'string' ? ref.kind : '';
      const refName = typeof ref.name === 'string' ? ref.name : '';
      const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
      let uid = '';
      if (group === '' && kind === 'Pod') {
        const p = await getObject(ctx, 'pods', namespace, refName);
        const podSA = String((p as { spec?: { serviceAccountName?: unknown } }).spec?.serviceAccountName ?? '') || 'default';
        if (podSA !== name) throw badRequest(`cannot bind token for serviceaccount "${name}" to pod running with different serviceaccount name.`);
        uid = p.metadata.uid ?? '';
        pod = { name: refName, uid };
        const nodeName = String((p as { spec?: { nodeName?: unknown } }).spec?.nodeName ?? '');
        if (nodeName) {
          const n = ctx.storageByResource('', 'nodes')?.getCached('', nodeName)
            ?? await getObject(ctx, 'nodes', '', nodeName).catch((err: unknown) => {
              if (err instanceof StatusError && err.code === 404) return undefined;
              throw err;
            });
          node = { name: nodeName, uid: n?.metadata.uid ?? '' };
        }
      } else if (group === '' && kind === 'Node') {
        const n = await getObject(ctx, 'nodes', '', refName);
        uid = n.metadata.uid ?? '';
        node = { name: refName, uid };
      } else if (group === '' && kind === 'Secret') {
        const sec = await getObject(ctx, 'secrets', namespace, refName);
        uid = sec.metadata.uid ?? '';
        secret = { name: refName, uid };
      } else {
        throw badRequest(`cannot bind token to object of type ${group ? `${group}/` : ''}${apiVersion.includes('/') ? apiVersion.slice(apiVersion.indexOf('/') + 1) : apiVersion}, Kind=${kind}`);
      }
      if (typeof ref.uid === 'string' && ref.uid !== '' && ref.uid !== uid) {
        throw conflict({ group, kind, resource: kind }, refName,
          `the UID in the bound object reference (${ref.uid}) does not match the UID in record. The object might have been deleted and then recreated`);
      }
    }

    const max = o.maxExpirationSeconds ?? 0;
    let requested = s.expirationSeconds;
    if (max > 0 && requested > max) {
      ex.warnings.push(`requested expiration of ${requested} seconds shortened to ${max} seconds`);
      requested = max;
      s.expirationSeconds = max;
    }
    const audiences = s.audiences as string[];
    let exp = requested;
    let warnAfter = 0;
    // A projected token of exactly 1h+7s lives a year and only warns after its hour (safe rollout).
    if ((o.extendExpiration ?? true) && pod && exp === WARN_ONLY_BOUND_TOKEN_EXPIRATION_SECONDS && audiences.every((a) => apiAudiences.has(a))) {
      warnAfter = exp;
      exp = max > 0 ? Math.max(max, EXPIRATION_EXTENSION_SECONDS) : EXPIRATION_EXTENSION_SECONDS;
    }
    const claims = boundClaims({
      serviceAccount: { namespace, name, uid: saUID }, pod, secret, node, audiences,
      expirationSeconds: exp, warnAfterSeconds: warnAfter, now: Math.floor(nowMs / 1000),
    });
    const token = await o.generator().generateToken(claims);
    ex.sendJSON(201, {
      ...req,
      status: { token, expirationTimestamp: rfc3339(nowMs + requested * 1000) },
    });
  };
}
