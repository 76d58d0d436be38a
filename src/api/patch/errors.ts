// How the apiserver reports patch failures (apiserver pkg/endpoints/handlers/patch.go): a patch
// that cannot be decoded is a 400 BadRequest; one that decodes but cannot be applied to the
// object is a 422 with the generic message and the patcher's own words as the cause.

import { StatusError, badRequest } from '../errors.ts';

/** 422 as upstream's NewGenericServerResponse(422, ...) with the patch error as its cause. */
export function patchNotApplicable(detail: string): StatusError {
  return new StatusError(422, 'Invalid', 'the server rejected our request due to an error in our request', {
    causes: [{ reason: 'UnexpectedServerResponse', message: detail }],
  });
}

/** 400 for a patch document that is malformed. */
export function badPatch(detail: string): StatusError {
  return badRequest(detail);
}

/** Parses patch bytes or text when given raw; passes parsed values through. */
export function decodePatchBody(body: unknown): unknown {
  let text: string | undefined;
  if (typeof body === 'string') text = body;
  else if (body instanceof Uint8Array) text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  if (text === undefined) return body;
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw badPatch(e instanceof Error ? e.message : String(e));
  }
}
