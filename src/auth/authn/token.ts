// Bearer tokens: one place reads the Authorization header and runs every token authenticator
// (static file, service accounts, bootstrap tokens) with the apiserver's audiences, as
// upstream's bearertoken + union + audience-agnostic wrappers do.

import { unauthorized } from '../../api/errors.ts';
import type { Authenticator, UserInfo } from '../types.ts';

export interface TokenResponse {
  user: UserInfo;
  /** The audiences the token is valid for among those requested. */
  audiences: string[];
}

/**
 * Authenticates a bearer token for the requested audiences: the response when the token is
 * this authenticator's and valid, undefined when it is not this authenticator's, or throws an
 * Error (with upstream's message) for a token of this kind that is invalid.
 */
export type TokenAuthenticator = (token: string, audiences: readonly string[]) => Promise<TokenResponse | undefined>;

/** Elements of a that are also in b, in a's order (upstream's Audiences.Intersect). */
export function intersectAudiences(a: readonly string[], b: readonly string[]): string[] {
  const set = new Set(b);
  return a.filter((x) => set.has(x));
}

/** A string list as Go's %q prints it: ["a" "b"]. */
export function quoteList(list: readonly string[]): string {
  return `[${list.map((s) => JSON.stringify(s)).join(' ')}]`;
}

/** Several errors as one (apimachinery's utilerrors.Aggregate). */
export class ErrorAggregate extends Error {
  readonly errors: readonly Error[];
  constructor(errors: readonly Error[]) {
    // Nested aggregates are flattened and repeated messages dropped, as Aggregate.Error() does.
    const seen: string[] = [];
    const visit = (e: Error): void => {
      if (e instanceof ErrorAggregate) { for (const x of e.errors) visit(x); return; }
      if (!seen.includes(e.message)) seen.push(e.message);
    };
    for (const e of errors) visit(e);
    super(seen.length === 1 ? seen[0] : `[${seen.join(', ')}]`);
    this.errors = errors;
  }
}

/** An aggregate of errors as apimachinery prints it: the one message, or "[a, b]". */
export function aggregateError(errors: readonly Error[]): Error {
  if (errors.length === 1 && errors[0]) return errors[0];
  return new ErrorAggregate(errors);
}

/** The first authenticator that accepts the token wins; errors are collected and thrown together. */
export function unionTokenAuthenticators(list: readonly TokenAuthenticator[]): TokenAuthenticator {
  return async (token, audiences) => {
    const errors: Error[] = [];
    for (const a of list) {
      try {
        const r = await a(token, audiences);
        if (r) return r;
      } catch (err) {
        errors.push(err instanceof Error ? err : new Error(String(err)));
      }
    }
    if (errors.length > 0) throw aggregateError(errors);
    return undefined;
  };
}

/**
 * For authenticators that know nothing of audiences (static tokens, bootstrap tokens): valid
 * only when the requested audiences include one of the apiserver's own.
 */
export function audienceAgnostic(implicitAudiences: readonly string[], a: TokenAuthenticator): TokenAuthenticator {
  return async (token, requested) => {
    if (requested.length === 0) return a(token, requested);
    const audiences = intersectAudiences(implicitAudiences, requested);
    if (audiences.length === 0) return undefined;
    const r = await a(token, requested);
    return r ? { user: r.user, audiences } : undefined;
  };
}

/** The token of an `Authorization: Bearer <token>` header, as upstream splits it. */
export function bearerToken(authorization: string): string | undefined {
  const auth = authorization.trim();
  if (!auth) return undefined;
  const parts = auth.split(' ');
  if (parts.length < 2 || (parts[0] ?? '').toLowerCase() !== 'bearer') return undefined;
  const token = parts[1] ?? '';
  return token ? token : undefined;
}

const INVALID_BEARER_TOKEN = 'invalid bearer token';

/**
 * Runs the token authenticators on a bearer token (upstream's bearertoken authenticator): the
 * response, or an Error "invalid bearer token" (joined with the authenticators' own errors).
 */
export async function authenticateBearerToken(tokens: TokenAuthenticator, token: string, audiences: readonly string[]): Promise<TokenResponse> {
  let res: TokenResponse | undefined;
  try {
    res = await tokens(token, audiences);
  } catch (err) {
    throw aggregateError([new Error(INVALID_BEARER_TOKEN), err instanceof Error ? err : new Error(String(err))]);
  }
  if (!res) throw new Error(INVALID_BEARER_TOKEN);
  return res;
}

/** Adds system:authenticated, as upstream's AuthenticatedGroupAdder. */
export function withAuthenticatedGroup(user: UserInfo): UserInfo {
  if (user.name === 'system:anonymous' || user.groups.includes('system:authenticated') || user.groups.includes('system:unauthenticated')) return user;
  return { ...user, groups: [...user.groups, 'system:authenticated'] };
}

/**
 * The request authenticator for bearer tokens: no Authorization header → not ours; a token
 * nobody accepts → 401 Unauthorized (the reason goes to onFailure, for the log).
 */
export function bearerTokenAuthenticator(
  tokens: TokenAuthenticator,
  apiAudiences: readonly string[],
  onFailure?: (err: Error) => void,
): Authenticator {
  return async (req) => {
    const token = bearerToken(req.header('authorization'));
    if (token === undefined) return undefined;
    try {
      return (await authenticateBearerToken(tokens, token, apiAudiences)).user;
    } catch (err) {
      onFailure?.(err instanceof Error ? err : new Error(String(err)));
      throw unauthorized();
    }
  };
}
