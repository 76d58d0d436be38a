// Server errors as StatusError (from the metav1.Status body, or synthesized from the HTTP code
// as client-go's newUnstructuredResponseError does), and client-go's apierrors predicates.

import { StatusError, isStatusError } from '../api/errors.ts';
import type { Status, StatusReason } from '../api/errors.ts';
import { isPlainObject } from '../api/types.ts';

const reasonByCode: Record<number, [StatusReason, string]> = {
  400: ['BadRequest', 'the server rejected our request for an unknown reason'],
  401: ['Unauthorized', 'the server has asked for the client to provide credentials'],
  403: ['Forbidden', 'the server does not allow access to the requested resource'],
  404: ['NotFound', 'the server could not find the requested resource'],
  405: ['MethodNotAllowed', 'the server does not allow this method on the requested resource'],
  406: ['NotAcceptable', 'the server was unable to respond with a content type that the client supports'],
  409: ['Conflict', 'the server reported a conflict'],
  410: ['Gone', 'the server reported that the resource is gone'],
  413: ['RequestEntityTooLarge', 'the server has rejected the request because the request entity is too large'],
  415: ['UnsupportedMediaType', 'the server was unable to respond with a content type that the client supports'],
  422: ['Invalid', 'the server rejected our request due to an error in our request'],
  429: ['TooManyRequests', 'the server has received too many requests and has asked us to try again later'],
  500: ['InternalError', 'an error on the server has prevented the request from succeeding'],
  503: ['ServiceUnavailable', 'the server is currently unable to handle the request'],
  504: ['Timeout', 'the server was unable to return a response in the time allotted, but may still be processing the request'],
};

export function isStatus(v: unknown): v is Status {
  return isPlainObject(v) && v['kind'] === 'Status' && (v['apiVersion'] === 'v1' || v['apiVersion'] === undefined);
}

/** A StatusError carrying what the server's Status says. */
export function statusErrorFromStatus(s: Status, fallbackCode = 500): StatusError {
  const code = typeof s.code === 'number' && s.code > 0 ? s.code : fallbackCode;
  const reason = (s.reason || reasonByCode[code]?.[0] || 'InternalError') as StatusReason;
  return new StatusError(code, reason, s.message ?? reasonByCode[code]?.[1] ?? `unknown error (${code})`, s.details);
}

/** Turns a non-2xx response into a StatusError. */
export function errorFromResponse(code: number, body: Buffer, method: string, path: string, retryAfterSeconds?: number): StatusError {
  const text = body.toString('utf8');
  if (text) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (isStatus(parsed) && parsed.status !== 'Success') return statusErrorFromStatus(parsed, code);
    } catch {
      // Not JSON: synthesized below.
    }
  }
  const [reason, message] = reasonByCode[code] ?? [code >= 500 ? 'InternalError' : 'BadRequest', `an error on the server ("${text.slice(0, 200)}") has prevented the request from succeeding`];
  const verb = method.toLowerCase();
  const details: StatusError['details'] = { causes: [{ reason: 'UnexpectedServerResponse', message: text.slice(0, 1024) }] };
  if (retryAfterSeconds !== undefined) details.retryAfterSeconds = retryAfterSeconds;
  return new StatusError(code, reason, `${message} (${verb} ${path})`, details);
}

// A Status without a reason gets one from its code (statusErrorFromStatus), so reason suffices.
const reasonIs = (err: unknown, reason: StatusReason): boolean => isStatusError(err) && err.reason === reason;

export const isNotFound = (err: unknown): boolean => reasonIs(err, 'NotFound');
export const isAlreadyExists = (err: unknown): boolean => reasonIs(err, 'AlreadyExists');
export const isConflict = (err: unknown): boolean => reasonIs(err, 'Conflict');
export const isInvalid = (err: unknown): boolean => reasonIs(err, 'Invalid');
export const isForbidden = (err: unknown): boolean => reasonIs(err, 'Forbidden');
export const isUnauthorized = (err: unknown): boolean => reasonIs(err, 'Unauthorized');
export const isTooManyRequests = (err: unknown): boolean => reasonIs(err, 'TooManyRequests');
export const isBadRequest = (err: unknown): boolean => reasonIs(err, 'BadRequest');
export const isGone = (err: unknown): boolean => reasonIs(err, 'Gone');
/** The resource version is too old (compacted): relist. Upstream sends 410 with reason Expired or Gone. */
export const isResourceExpired = (err: unknown): boolean => isStatusError(err) && (err.reason === 'Expired' || err.reason === 'Gone' || err.code === 410);
