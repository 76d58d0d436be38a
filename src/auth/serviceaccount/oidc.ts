// OIDC discovery for the service-account issuer (upstream's pkg/serviceaccount/openidmetadata.go
// and pkg/routes/openidmetadata.go): /.well-known/openid-configuration and /openid/v1/jwks, so
// relying parties outside the cluster can verify tokens. RBAC grants them through the
// system:service-account-issuer-discovery ClusterRole.

import { methodNotAllowed } from '../../api/errors.ts';
import type { PublicKeyEntry } from './keys.ts';
import { publicJWK } from './keys.ts';

export const OPENID_CONFIG_PATH = '/.well-known/openid-configuration';
export const JWKS_PATH = '/openid/v1/jwks';
/** Matches the max-age upstream's static key getter reports. */
const MAX_AGE_SECONDS = 3600;

export interface OpenIDMetadata {
  configJSON: string;
  keysetJSON: string;
}

/**
 * The two documents, or an Error saying why discovery cannot be served (upstream then skips the
 * endpoints): the issuer must be an https URL without query or fragment.
 */
export function openIDMetadata(issuer: string, jwksURI: string, keys: readonly PublicKeyEntry[]): OpenIDMetadata {
  let iss: URL;
  try { iss = new URL(issuer); } catch { throw new Error(`issuer URL must use https scheme, got: ${issuer}`); }
  if (iss.protocol !== 'https:') throw new Error(`issuer URL must use https scheme, got: ${issuer}`);
  if (iss.search) throw new Error(`issuer URL may not include a query, got: ${issuer}`);
  if (iss.hash) throw new Error(`issuer URL may not include a fragment, got: ${issuer}`);
  if (new URL(jwksURI).protocol !== 'https:') throw new Error(`jwksURI requires https scheme, parsed as: ${jwksURI}`);
  if (keys.length === 0) throw new Error('no keys provided for validating keyset');
  const algs = [...new Set(keys.map((k) => k.alg))].sort();
  return {
    configJSON: JSON.stringify({
      issuer,
      jwks_uri: jwksURI,
      response_types_supported: ['id_token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: algs,
    }),
    keysetJSON: JSON.stringify({ keys: keys.map(publicJWK) }),
  };
}

/** The default jwks_uri: the apiserver's external address with the JWKS path. */
export function defaultJWKSURI(serverURL: string): string {
  const u = new URL(serverURL);
  return `https://${u.host}${JWKS_PATH}`;
}

interface RouteExchange {
  method: string;
  path: string;
  send(status: number, contentType: string, body: string, headers?: Record<string, string>): void;
}

/** Handlers for server.addRoute: GET (and HEAD) of exactly the two paths. */
export function openIDRoutes(metadata: () => OpenIDMetadata): { path: string; handle(ex: RouteExchange): Promise<void> }[] {
  const serve = (pick: (m: OpenIDMetadata) => string, contentType: string, path: string) => async (ex: RouteExchange): Promise<void> => {
    if (ex.path !== path) {
      ex.send(404, 'text/plain; charset=utf-8', '404 page not found\n');
      return;
    }
    if (ex.method !== 'GET' && ex.method !== 'HEAD') throw methodNotAllowed(`${ex.method} is not supported on ${path}`);
    ex.send(200, contentType, pick(metadata()), { 'Cache-Control': `public, max-age=${MAX_AGE_SECONDS}` });
  };
  return [
    { path: OPENID_CONFIG_PATH, handle: serve((m) => m.configJSON, 'application/json', OPENID_CONFIG_PATH) },
    { path: JWKS_PATH, handle: serve((m) => m.keysetJSON, 'application/jwk-set+json', JWKS_PATH) },
  ];
}
