// ComponentStatus (`kubectl get cs`): the real health of storage, the scheduler and the
// controller manager, probed at request time as upstream does.

import https from 'node:https';
import { notFound } from '../api/errors.ts';
import type { ResourceType } from '../api/registry.ts';
import type { KubeObject } from '../api/types.ts';
import type { Store } from '../storage/interface.ts';
import type { Exchange } from './http/exchange.ts';
import type { RequestInfo } from './requestinfo.ts';
import type { ApiContext } from './rest/context.ts';
import { negotiate } from './rest/negotiate.ts';
import { respondObject, respondObjectList } from './rest/respond.ts';

interface Probe { healthy: boolean; message: string; error: string }

function probeURL(url: string): Promise<Probe> {
  return new Promise((resolve) => {
    const req = https.get(url, { rejectUnauthorized: false, timeout: 2000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => { if (body.length < 4096) body += c; });
      res.on('end', () => {
        const ok = res.statusCode === 200;
        resolve({ healthy: ok, message: ok ? body.trim() || 'ok' : '', error: ok ? '' : `HTTP probe failed with statuscode: ${res.statusCode ?? 0}` });
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (err) => resolve({ healthy: false, message: '', error: `Get "${url}": ${err.message}` }));
  });
}

async function probeStore(store: Store): Promise<Probe> {
  try {
    await store.health();
    return { healthy: true, message: '{"health":"true"}', error: '' };
  } catch (err) {
    return { healthy: false, message: '', error: err instanceof Error ? err.message : String(err) };
  }
}

function componentStatus(name: string, p: Probe): KubeObject {
  const cond: Record<string, string> = { type: 'Healthy', status: p.healthy ? 'True' : 'False' };
  if (p.message) cond.message = p.message;
  if (p.error) cond.error = p.error;
  return { kind: 'ComponentStatus', apiVersion: 'v1', metadata: { name }, conditions: [cond] };
}

export function componentStatusHandler(store: Store, urls: Record<string, string>) {
  return async (_ctx: ApiContext, ex: Exchange, info: RequestInfo, t: ResourceType): Promise<void> => {
    const names = ['scheduler', 'controller-manager', 'etcd-0'];
    const wanted = info.name ? names.filter((n) => n === info.name) : names;
    if (info.name && wanted.length === 0) throw notFound({ group: '', kind: 'ComponentStatus', resource: 'componentstatuses' }, info.name);
    const items = await Promise.all(wanted.map(async (n) => {
      const url = urls[n];
      const p = n === 'etcd-0' ? await probeStore(store) : url ? await probeURL(url) : { healthy: false, message: '', error: 'not running' };
      return componentStatus(n, p);
    }));
    ex.warnings.push('v1 ComponentStatus is deprecated in v1.19+');
    const neg = negotiate(ex.header('accept'));
    if (info.name) respondObject(ex, t, items[0] as KubeObject, 200, neg);
    else respondObjectList(ex, t, { items, resourceVersion: 0 }, neg);
  };
}
