// authentication.k8s.io: TokenRequest (the serviceaccounts/token body), as upstream's
// pkg/apis/authentication/validation.

import { field } from '../errors.ts';
import type { FieldError } from '../errors.ts';
import type { KubeObject } from '../types.ts';
import { num, obj } from './common.ts';

/** The shortest token lifetime a TokenRequest may ask for. */
export const MIN_TOKEN_EXPIRATION_SECONDS = 10 * 60;
const MAX_TOKEN_EXPIRATION_SECONDS = 2 ** 32;

/** spec.expirationSeconds must be defaulted (3600) before this runs. */
export function validateTokenRequest(tr: KubeObject): FieldError[] {
  const spec = obj(tr, 'spec');
  const errs: FieldError[] = [];
  const exp = num(spec, 'expirationSeconds') ?? 0;
  if (exp < MIN_TOKEN_EXPIRATION_SECONDS) {
    errs.push(field.invalid('spec.expirationSeconds', exp, 'may not specify a duration less than 10 minutes'));
  }
  if (exp > MAX_TOKEN_EXPIRATION_SECONDS) {
    errs.push(field.invalid('spec.expirationSeconds', exp, 'may not specify a duration larger than 2^32 seconds'));
  }
  return errs;
}
