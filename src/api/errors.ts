// Typed API errors, turned into a metav1.Status in one place (apimachinery pkg/api/errors).

export type StatusReason =
  | 'BadRequest' | 'Unauthorized' | 'Forbidden' | 'NotFound' | 'AlreadyExists' | 'Conflict'
  | 'Gone' | 'Invalid' | 'ServerTimeout' | 'Timeout' | 'TooManyRequests' | 'MethodNotAllowed'
  | 'NotAcceptable' | 'RequestEntityTooLarge' | 'UnsupportedMediaType' | 'InternalError'
  | 'Expired' | 'ServiceUnavailable';

export type CauseType =
  | 'FieldValueNotFound' | 'FieldValueRequired' | 'FieldValueDuplicate' | 'FieldValueInvalid'
  | 'FieldValueNotSupported' | 'FieldValueForbidden' | 'FieldValueTooLong' | 'FieldValueTooMany'
  | 'InternalError' | 'FieldValueTypeInvalid' | 'UnexpectedServerResponse' | 'FieldManagerConflict'
  | 'ResourceVersionTooLarge';

export interface StatusCause { reason?: CauseType | string; message?: string; field?: string }

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, unknown>;
  status: 'Success' | 'Failure';
  message?: string;
  reason?: StatusReason | '';
  details?: StatusDetails;
  code: number;
}

/** A field-level validation error, as upstream's field.Error. */
export interface FieldError {
  type: CauseType;
  field: string;
  /** The offending value (rendered into the message, as upstream does). */
  value?: unknown;
  detail?: string;
}

/** Identifies the resource an error is about (for details.group/kind/name). */
export interface Qualified { group: string; kind: string; resource?: string; name?: string }

export class StatusError extends Error {
  readonly code: number;
  readonly reason: StatusReason;
  readonly details: StatusDetails | undefined;
  constructor(code: number, reason: StatusReason, message: string, details?: StatusDetails) {
    super(message);
    this.name = 'StatusError';
    this.code = code;
    this.reason = reason;
    this.details = details;
  }
  toStatus(): Status {
    const s: Status = {
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
      message: this.message, reason: this.reason, code: this.code,
    };
    if (this.details) s.details = this.details;
    return s;
  }
}

export function isStatusError(e: unknown): e is StatusError {
  return e instanceof StatusError;
}

/** "pods" or "deployments.apps", as upstream's GroupResource.String(). */
export function groupResource(q: Qualified): string {
  const r = q.resource ?? q.kind.toLowerCase();
  return q.group ? `${r}.${q.group}` : r;
}

function detailsOf(q: Qualified, name?: string): StatusDetails {
  const d: StatusDetails = { kind: q.resource ?? q.kind.toLowerCase() };
  if (q.group) d.group = q.group;
  if (name !== undefined) d.name = name;
  return d;
}

export function notFound(q: Qualified, name: string): StatusError {
  return new StatusError(404, 'NotFound', `${groupResource(q)} "${name}" not found`, detailsOf(q, name));
}

export function alreadyExists(q: Qualified, name: string): StatusError {
  return new StatusError(409, 'AlreadyExists', `${groupResource(q)} "${name}" already exists`, detailsOf(q, name));
}

export function conflict(q: Qualified, name: string, why: string): StatusError {
  return new StatusError(409, 'Conflict', `Operation cannot be fulfilled on ${groupResource(q)} "${name}": ${why}`, detailsOf(q, name));
}

export function gone(message: string): StatusError {
  return new StatusError(410, 'Expired', message);
}

export function badRequest(message: string, causes?: StatusCause[]): StatusError {
  return new StatusError(400, 'BadRequest', message, causes ? { causes } : undefined);
}

export function forbidden(q: Qualified, name: string, why: string): StatusError {
  const what = name ? `${groupResource(q)} "${name}"` : groupResource(q);
  return new StatusError(403, 'Forbidden', `${what} is forbidden: ${why}`, detailsOf(q, name || undefined));
}

export function unauthorized(message = 'Unauthorized'): StatusError {
  return new StatusError(401, 'Unauthorized', message);
}

export function methodNotAllowed(message: string): StatusError {
  return new StatusError(405, 'MethodNotAllowed', message);
}

export function notAcceptable(message: string): StatusError {
  return new StatusError(406, 'NotAcceptable', message);
}

export function unsupportedMediaType(contentType: string): StatusError {
  return new StatusError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf, application/apply-patch+yaml, application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json (got ${contentType || 'none'})`);
}

export function tooLarge(limitBytes: number): StatusError {
  return new StatusError(413, 'RequestEntityTooLarge', `the request body is too large: limit is ${limitBytes} bytes`);
}

export function tooManyRequests(message: string, retryAfterSeconds: number): StatusError {
  return new StatusError(429, 'TooManyRequests', message, { retryAfterSeconds });
}

export function internalError(err: unknown): StatusError {
  const msg = err instanceof Error ? err.message : String(err);
  return new StatusError(500, 'InternalError', `Internal error occurred: ${msg}`, { causes: [{ message: msg }] });
}

export function serviceUnavailable(message: string): StatusError {
  return new StatusError(503, 'ServiceUnavailable', message);
}

export function timeout(message: string, retryAfterSeconds = 1): StatusError {
  return new StatusError(504, 'Timeout', message, { retryAfterSeconds });
}

/** A field error without its field, as upstream's field.Error.ErrorBody() (a cause's message). */
export function fieldErrorBody(e: FieldError): string {
  const v = e.value;
  const shown = v === undefined ? '' : typeof v === 'string' ? `"${v}"` : JSON.stringify(v);
  switch (e.type) {
    case 'FieldValueRequired': return `Required value${e.detail ? `: ${e.detail}` : ''}`;
    case 'FieldValueForbidden': return `Forbidden${e.detail ? `: ${e.detail}` : ''}`;
    case 'FieldValueDuplicate': return `Duplicate value: ${shown}`;
    case 'FieldValueNotFound': return `Not found: ${shown}`;
    case 'FieldValueNotSupported': return `Unsupported value: ${shown}${e.detail ? `: ${e.detail}` : ''}`;
    case 'FieldValueTooLong': return `Too long: ${e.detail ?? ''}`;
    case 'FieldValueTooMany': return `Too many: ${e.detail ?? ''}`;
    case 'InternalError': return `Internal error: ${e.detail ?? ''}`;
    case 'FieldValueTypeInvalid': return `Invalid value: ${shown}: ${e.detail ?? ''}`;
    default: return `Invalid value: ${shown}${e.detail ? `: ${e.detail}` : ''}`;
  }
}

/** Renders a field error the way upstream's field.Error.Error() does. */
export function fieldErrorMessage(e: FieldError): string {
  return `${e.field}: ${fieldErrorBody(e)}`;
}

/** 422 Invalid with one cause per field error, as upstream's NewInvalid. */
export function invalid(q: Qualified, name: string, errs: FieldError[]): StatusError {
  const causes: StatusCause[] = errs.map((e) => ({ reason: e.type, message: fieldErrorBody(e), field: e.field }));
  const list = errs.map(fieldErrorMessage);
  const joined = list.length === 1 ? list[0] : `[${list.join(', ')}]`;
  const details = detailsOf({ ...q, resource: undefined }, name);
  details.kind = q.kind;
  details.causes = causes;
  return new StatusError(422, 'Invalid', `${q.kind}${q.group ? `.${q.group}` : ''} "${name}" is invalid: ${joined}`, details);
}

/** Field error constructors, as upstream's field.Required / field.Invalid / ... */
export const field = {
  required: (f: string, detail?: string): FieldError => ({ type: 'FieldValueRequired', field: f, detail }),
  invalid: (f: string, value: unknown, detail?: string): FieldError => ({ type: 'FieldValueInvalid', field: f, value, detail }),
  forbidden: (f: string, detail?: string): FieldError => ({ type: 'FieldValueForbidden', field: f, detail }),
  duplicate: (f: string, value: unknown): FieldError => ({ type: 'FieldValueDuplicate', field: f, value }),
  notSupported: (f: string, value: unknown, valid: string[]): FieldError => ({
    type: 'FieldValueNotSupported', field: f, value,
    detail: `supported values: ${valid.map((v) => `"${v}"`).join(', ')}`,
  }),
  tooLong: (f: string, max: number): FieldError => ({ type: 'FieldValueTooLong', field: f, detail: `must have at most ${max} bytes` }),
  typeInvalid: (f: string, value: unknown, detail: string): FieldError => ({ type: 'FieldValueTypeInvalid', field: f, value, detail }),
};
