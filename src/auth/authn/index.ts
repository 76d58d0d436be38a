// Wires authentication into an ApiServer before it starts: bearer-token authenticators (static
// token file, service-account tokens, bootstrap tokens) after x509, the TokenRequest subresource,
// the OIDC discovery documents, and TokenReview's link to the same authenticators.

import { readFileSync } from 'node:fs';
import { StatusError } from '../../api/errors.ts';
import { setTokenReviewer } from '../../api/kinds/authn.ts';
import type { KubeObject } from '../../api/types.ts';
import type { ApiServer } from '../../apiserver/server.ts';
import { bootstrapTokenAuthenticator } from '../bootstraptoken.ts';
import { DEFAULT_ISSUER } from '../serviceaccount/claims.ts';
import { serviceAccountTokenAuthenticators } from '../serviceaccount/authenticator.ts';
import { TokenGenerator } from '../serviceaccount/jwt.ts';
import type { PublicKeyEntry } from '../serviceaccount/keys.ts';
import { publicKeyEntry, signingKeyFromPem } from '../serviceaccount/keys.ts';
import { defaultJWKSURI, openIDMetadata, openIDRoutes } from '../serviceaccount/oidc.ts';
import type { OpenIDMetadata } from '../serviceaccount/oidc.ts';
import { tokenRequestHandler } from '../serviceaccount/tokenrequest.ts';
import type { ObjectGetter } from '../serviceaccount/validator.ts';
import { parseTokenFile, tokenFileAuthenticator } from '../tokenfile.ts';
import type { TokenAuthenticator } from './token.ts';
import { audienceAgnostic, authenticateBearerToken, bearerTokenAuthenticator, unionTokenAuthenticators, withAuthenticatedGroup } from './token.ts';

export interface AuthenticationOptions {
  /** --token-auth-file: CSV of token,user,uid,"group1,group2" (read when installed). */
  tokenAuthFile?: string;
  /** --api-audiences (default: the service-account issuers). */
  apiAudiences?: string[];
  /** --service-account-issuer, repeatable; the first one issues tokens (default https://kubernetes.default.svc.cluster.local). */
  serviceAccountIssuer?: string | string[];
  /** --service-account-jwks-uri (default https://<apiserver host:port>/openid/v1/jwks). */
  serviceAccountJWKSURI?: string;
  /** --service-account-key-file: extra public keys accepted (e.g. during key rotation). */
  serviceAccountKeyPems?: string[];
  /** --service-account-max-token-expiration in seconds. */
  serviceAccountMaxTokenExpirationSeconds?: number;
  /** --service-account-extend-token-expiration (default true). */
  serviceAccountExtendTokenExpiration?: boolean;
  /** Whether secret-based and bootstrap tokens are accepted (--enable-bootstrap-token-auth; default true). */
  enableBootstrapTokenAuth?: boolean;
  /** Clock in milliseconds, for tests. */
  now?: () => number;
}

export interface InstalledAuthentication {
  issuer: string;
  apiAudiences: string[];
  /** Every bearer-token authenticator, unioned (usable once the server has started). */
  tokenAuthenticator: TokenAuthenticator;
  /** The service-account token generator (after start). */
  tokenGenerator(): TokenGenerator;
}

/** Reads an object from the watch cache, falling back to storage for objects not yet seen there. */
function watchCacheGetter(server: ApiServer): ObjectGetter {
  const lookup = async (resource: string, namespace: string, name: string): Promise<KubeObject | undefined> => {
    const rs = server.ctx.storageByResource('', resource);
    if (!rs) return undefined;
    const cached = rs.getCached(namespace, name);
    if (cached) return cached;
    try {
      return await rs.get(namespace, name);
    } catch (err) {
      if (err instanceof StatusError && err.code === 404) return undefined;
      throw err;
    }
  };
  return {
    serviceAccount: (ns, name) => lookup('serviceaccounts', ns, name),
    secret: (ns, name) => lookup('secrets', ns, name),
    pod: (ns, name) => lookup('pods', ns, name),
    node: (name) => lookup('nodes', '', name),
  };
}

export function installAuthentication(server: ApiServer, opts: AuthenticationOptions = {}): InstalledAuthentication {
  const issuers = opts.serviceAccountIssuer === undefined ? [DEFAULT_ISSUER]
    : Array.isArray(opts.serviceAccountIssuer) ? [...opts.serviceAccountIssuer] : [opts.serviceAccountIssuer];
  const issuer = issuers[0];
  if (!issuer) throw new Error('--service-account-issuer must not be empty');
  const apiAudiences = opts.apiAudiences && opts.apiAudiences.length > 0 ? [...opts.apiAudiences] : [...issuers];
  const log = server.options.log ?? (() => {});
  const now = opts.now ?? Date.now;

  // Read now, so a broken file stops the server before it serves anything.
  let staticTokens: TokenAuthenticator | undefined;
  if (opts.tokenAuthFile) {
    const parsed = parseTokenFile(readFileSync(opts.tokenAuthFile, 'utf8'), opts.tokenAuthFile);
    for (const w of parsed.warnings) log(w);
    staticTokens = tokenFileAuthenticator(parsed.tokens);
  }

  // The PKI exists only once the server has started; keys and generator follow its current PEMs.
  let keysFor = '';
  let keys: PublicKeyEntry[] = [];
  const currentKeys = (): PublicKeyEntry[] => {
    const pem = server.pki.serviceAccountPublicKeyPem;
    if (pem !== keysFor) {
      keys = [publicKeyEntry(pem), ...(opts.serviceAccountKeyPems ?? []).map(publicKeyEntry)];
      keysFor = pem;
    }
    return keys;
  };
  let generatorFor = '';
  let generator: TokenGenerator | undefined;
  const tokenGenerator = (): TokenGenerator => {
    const pem = server.pki.serviceAccountPrivateKeyPem;
    if (!generator || pem !== generatorFor) {
      generator = new TokenGenerator(issuer, signingKeyFromPem(pem));
      generatorFor = pem;
    }
    return generator;
  };

  const getter = watchCacheGetter(server);
  const list: TokenAuthenticator[] = [];
  // upstream's order: token file, service accounts, bootstrap tokens.
  if (staticTokens) list.push(audienceAgnostic(apiAudiences, staticTokens));
  list.push(...serviceAccountTokenAuthenticators({ issuers, keys: currentKeys, apiAudiences, getter, now }));
  if (opts.enableBootstrapTokenAuth ?? true) list.push(audienceAgnostic(apiAudiences, bootstrapTokenAuthenticator(getter.secret, now)));
  const tokenAuthenticator = unionTokenAuthenticators(list);

  server.authenticators.push(bearerTokenAuthenticator(tokenAuthenticator, apiAudiences, (err) => log('Unable to authenticate the request', err)));
  server.addSubresource('', 'serviceaccounts', 'token', tokenRequestHandler({
    generator: tokenGenerator, apiAudiences,
    maxExpirationSeconds: opts.serviceAccountMaxTokenExpirationSeconds,
    extendExpiration: opts.serviceAccountExtendTokenExpiration, now,
  }));

  let metadata: OpenIDMetadata | undefined;
  let metadataFor = '';
  const currentMetadata = (): OpenIDMetadata => {
    const pem = server.pki.serviceAccountPublicKeyPem;
    if (!metadata || pem !== metadataFor) {
      metadata = openIDMetadata(issuer, opts.serviceAccountJWKSURI ?? defaultJWKSURI(server.url), currentKeys());
      metadataFor = pem;
    }
    return metadata;
  };
  // Upstream serves discovery only for an https issuer; check the issuer and JWKS URI up front.
  let discovery = true;
  try {
    const u = new URL(issuer);
    if (u.protocol !== 'https:' || u.search || u.hash) discovery = false;
    if (opts.serviceAccountJWKSURI && new URL(opts.serviceAccountJWKSURI).protocol !== 'https:') discovery = false;
  } catch {
    discovery = false;
  }
  if (discovery) for (const r of openIDRoutes(currentMetadata)) server.addRoute(r.path, (ex) => r.handle(ex));
  else log(`service account issuer ${issuer} is not an https URL: OIDC discovery is not served`);

  server.postStartHooks.push({
    name: 'authentication/token-review',
    async run(s) {
      setTokenReviewer(s.registry, async (token, audiences) => {
        try {
          const r = await authenticateBearerToken(tokenAuthenticator, token, audiences.length > 0 ? audiences : apiAudiences);
          return { user: withAuthenticatedGroup(r.user), audiences: r.audiences };
        } catch (err) {
          return { audiences: [], error: err instanceof Error ? err.message : String(err) };
        }
      });
    },
  });

  return { issuer, apiAudiences, tokenAuthenticator, tokenGenerator };
}
