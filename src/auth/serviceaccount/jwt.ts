// Signing and verifying service-account JWTs (upstream's pkg/serviceaccount/jwt.go): compact
// JWS with the key's algorithm and key ID; verification picks keys by `kid`, then checks the
// issuer and the audiences before the kind-specific validator looks at the claims.

import { CompactSign, compactVerify, decodeProtectedHeader } from 'jose';
import type { TokenAuthenticator } from '../authn/token.ts';
import { aggregateError, intersectAudiences, quoteList } from '../authn/token.ts';
import type { ServiceAccountInfo } from './claims.ts';
import { serviceAccountUserInfo } from './claims.ts';
import type { PublicKeyEntry, SigningKey } from './keys.ts';

export type Claims = Record<string, unknown>;

/** JSON with object keys sorted, as Go prints the merged claims map. */
function canonicalJSON(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJSON).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJSON(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

export class TokenGenerator {
  readonly issuer: string;
  private readonly key: SigningKey;

  constructor(issuer: string, key: SigningKey) {
    this.issuer = issuer;
    this.key = key;
  }

  /** Signs claims with this generator's issuer; a single audience is written as a string (go-jose). */
  async generateToken(claims: object): Promise<string> {
    const merged: Claims = { ...(claims as Claims), iss: this.issuer };
    const aud = merged.aud;
    if (Array.isArray(aud) && aud.length === 1) merged.aud = aud[0];
    const payload = new TextEncoder().encode(canonicalJSON(merged));
    return new CompactSign(payload).setProtectedHeader({ alg: this.key.alg, kid: this.key.kid }).sign(this.key.privateKey);
  }
}

/** The unverified `iss` of a compact JWT, or undefined when the token is not one. */
export function unverifiedIssuer(token: string): string | undefined {
  if (token.trimStart().startsWith('{')) return undefined;
  const parts = token.split('.');
  if (parts.length !== 3 || parts[1] === undefined) return undefined;
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    if (typeof payload !== 'object' || payload === null) return undefined;
    const iss = (payload as Claims).iss;
    return typeof iss === 'string' ? iss : undefined;
  } catch {
    return undefined;
  }
}

/** Verifies the signature with the keys matching the token's kid (all keys without one); returns the claims. */
export async function verifiedClaims(token: string, keys: readonly PublicKeyEntry[]): Promise<Claims | undefined> {
  let kid = '';
  try {
    const h = decodeProtectedHeader(token);
    kid = typeof h.kid === 'string' ? h.kid : '';
  } catch {
    return undefined; // not a parseable JWS: not ours
  }
  const candidates = kid ? keys.filter((k) => k.kid === kid) : [...keys];
  if (candidates.length === 0) throw new Error('invalid signature, no keys found');
  const errors: Error[] = [];
  for (const k of candidates) {
    try {
      const { payload } = await compactVerify(token, k.key, { algorithms: [k.alg] });
      const claims: unknown = JSON.parse(new TextDecoder().decode(payload));
      if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) throw new Error('json: cannot unmarshal claims into an object');
      return claims as Claims;
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      errors.push(code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' || code === 'ERR_JOSE_ALG_NOT_ALLOWED'
        ? new Error('go-jose/go-jose: error in cryptographic primitive')
        : err instanceof Error ? err : new Error(String(err)));
    }
  }
  throw aggregateError(errors);
}

/** The `aud` claim as a list (a string is one audience). */
export function audiencesOf(claims: Claims): string[] {
  const aud = claims.aud;
  if (typeof aud === 'string') return aud ? [aud] : [];
  if (Array.isArray(aud)) return aud.filter((a): a is string => typeof a === 'string');
  return [];
}

export interface JWTAuthenticatorOptions {
  issuers: readonly string[];
  keys: () => readonly PublicKeyEntry[];
  /** The apiserver's audiences: assumed for tokens without `aud` and requests without audiences. */
  implicitAudiences: readonly string[];
  /** Kind-specific checks on verified claims (time, bound objects); throws an Error to refuse. */
  validate(token: string, claims: Claims): Promise<ServiceAccountInfo>;
}

/** upstream's jwtTokenAuthenticator: undefined for tokens of other issuers, throws for bad ones. */
export function jwtTokenAuthenticator(o: JWTAuthenticatorOptions): TokenAuthenticator {
  const issuers = new Set(o.issuers);
  return async (token, requested) => {
    const iss = unverifiedIssuer(token);
    if (iss === undefined || !issuers.has(iss)) return undefined;
    const claims = await verifiedClaims(token, o.keys());
    if (!claims) return undefined;
    if (typeof claims.iss !== 'string' || !issuers.has(claims.iss)) throw new Error(`token issuer "${String(claims.iss ?? '')}" is invalid`);
    let tokenAudiences = audiencesOf(claims);
    if (tokenAudiences.length === 0) tokenAudiences = [...o.implicitAudiences]; // legacy tokens: apiserver audiences only
    const wanted = requested.length > 0 ? requested : o.implicitAudiences;
    const audiences = intersectAudiences(tokenAudiences, wanted);
    if (audiences.length === 0 && o.implicitAudiences.length > 0) {
      throw new Error(`token audiences ${quoteList(tokenAudiences)} is invalid for the target audiences ${quoteList(wanted)}`);
    }
    const sa = await o.validate(token, claims);
    return { user: serviceAccountUserInfo(sa), audiences };
  };
}
