// The audit filter: after authentication, records each request the policy selects as
// audit.k8s.io/v1 Events (ResponseStarted for watches and other streams, then ResponseComplete),
// with the request and response bodies at the Request and RequestResponse levels.

import { isStatusError } from '../../api/errors.ts';
import type { Filter } from '../../apiserver/filters/chain.ts';
import type { Exchange } from '../../apiserver/http/exchange.ts';
import type { RequestInfo } from '../../apiserver/requestinfo.ts';
import { evaluatePolicy, levelAtLeast } from './policy.ts';
import type { Level, Policy, Stage } from './policy.ts';
import type { AuditWriter } from './writer.ts';

function microTime(d: Date): string { return `${d.toISOString().slice(0, -1)}000Z`; }

function parseBody(body: string | Buffer, omitManagedFields: boolean): unknown {
  const text = typeof body === 'string' ? body : body.toString('utf8');
  try {
    const v = JSON.parse(text) as unknown;
    if (omitManagedFields && typeof v === 'object' && v !== null) {
      const meta = (v as { metadata?: Record<string, unknown> }).metadata;
      if (meta) delete meta.managedFields;
    }
    return v;
  } catch {
    return undefined; // not JSON (protobuf, YAML, logs): not recorded, as upstream records objects only
  }
}

export function withAudit(policy: Policy, writer: AuditWriter, onError: (err: unknown) => void = () => {}): Filter {
  return async (ex, next) => {
    const info = ex.requestInfo;
    const user = ex.user ?? { name: 'system:anonymous', groups: ['system:unauthenticated'] };
    const d = evaluatePolicy(policy, {
      user, verb: info.verb, isResourceRequest: info.isResourceRequest, path: ex.path, apiGroup: info.group,
      resource: info.resource, subresource: info.subresource, namespace: info.namespace, name: info.name,
    });
    if (d.level === 'None') { await next(ex); return; }
    const received = new Date();
    const base = baseEvent(ex, info, d.level, user, received);
    let requestObject: unknown;
    let responseObject: unknown;
    if (levelAtLeast(d.level, 'Request')) ex.onBody = (b) => { requestObject = parseBody(b, d.omitManagedFields); };
    if (d.level === 'RequestResponse') ex.onResponse = (_s, b) => { responseObject = parseBody(b, d.omitManagedFields); };
    const emit = (stage: Stage, status: Record<string, unknown> | undefined): void => {
      if (d.omitStages.includes(stage)) return;
      const ev: Record<string, unknown> = { ...base, stage, stageTimestamp: microTime(new Date()) };
      if (status) ev.responseStatus = status;
      if (requestObject !== undefined) ev.requestObject = requestObject;
      if (stage === 'ResponseComplete' && responseObject !== undefined) ev.responseObject = responseObject;
      try { writer.write(ev); } catch (err) { onError(err); }
    };
    // RequestReceived is recorded unless omitted, as upstream does before the handler runs.
    emit('RequestReceived', undefined);
    ex.onStreamStart = (status) => emit('ResponseStarted', { metadata: {}, code: status });
    try {
      await next(ex);
      emit('ResponseComplete', { metadata: {}, code: ex.statusCode });
    } catch (err) {
      const st = isStatusError(err) ? err.toStatus() : undefined;
      if (d.level === 'RequestResponse' && st) responseObject = st;
      emit('ResponseComplete', st
        ? { metadata: {}, status: 'Failure', message: st.message, reason: st.reason, code: st.code }
        : { metadata: {}, status: 'Failure', message: 'Internal Server Error', code: 500 });
      throw err;
    }
  };
}

function baseEvent(ex: Exchange, info: RequestInfo, level: Level, user: { name: string; uid?: string; groups: string[]; extra?: Record<string, string[]> }, received: Date): Record<string, unknown> {
  const ev: Record<string, unknown> = {
    kind: 'Event', apiVersion: 'audit.k8s.io/v1', level, auditID: ex.auditID,
    requestURI: ex.req.url ?? ex.path, verb: info.verb,
    user: { username: user.name, ...(user.uid ? { uid: user.uid } : {}), groups: user.groups, ...(user.extra ? { extra: user.extra } : {}) },
    sourceIPs: sourceIPs(ex), userAgent: ex.userAgent || undefined,
    requestReceivedTimestamp: microTime(received),
  };
  if (info.isResourceRequest) {
    const ref: Record<string, string> = { resource: info.resource };
    if (info.namespace) ref.namespace = info.namespace;
    if (info.name) ref.name = info.name;
    if (info.group) ref.apiGroup = info.group;
    ref.apiVersion = info.version;
    if (info.subresource) ref.subresource = info.subresource;
    ev.objectRef = ref;
  }
  return ev;
}

/** X-Forwarded-For then X-Real-Ip then the peer, as upstream's utilnet.SourceIPs. */
function sourceIPs(ex: Exchange): string[] {
  const ips: string[] = [];
  for (const ip of ex.header('x-forwarded-for').split(',')) if (ip.trim()) ips.push(ip.trim());
  const real = ex.header('x-real-ip').trim();
  if (real && !ips.includes(real)) ips.push(real);
  const peer = ex.remoteAddress.replace(/^::ffff:/, '');
  if (peer && !ips.includes(peer)) ips.push(peer);
  return ips;
}
