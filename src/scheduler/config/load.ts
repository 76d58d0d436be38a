// Reads and checks a KubeSchedulerConfiguration file (YAML or JSON), and resolves each profile's
// plugin list per extension point from MultiPoint and the per-point enabled/disabled sets.

import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { DefaultMultiPoint, DefaultSchedulerName, ExtensionPoints } from './types.ts';
import type { ExtensionPoint, KubeSchedulerConfiguration, PluginRef, Plugins, Profile } from './types.ts';

const GroupVersion = 'kubescheduler.config.k8s.io/v1';

export function parseConfig(text: string): KubeSchedulerConfiguration {
  const cfg = parse(text) as unknown;
  if (!cfg || typeof cfg !== 'object') throw new Error('scheduler configuration: not an object');
  const c = cfg as KubeSchedulerConfiguration;
  if (c.kind !== undefined && c.kind !== 'KubeSchedulerConfiguration') throw new Error(`scheduler configuration: kind ${c.kind} is not KubeSchedulerConfiguration`);
  if (c.apiVersion !== undefined && c.apiVersion !== GroupVersion) throw new Error(`scheduler configuration: apiVersion ${c.apiVersion} is not supported (want ${GroupVersion})`);
  return validate(c);
}

export function loadConfigFile(file: string): KubeSchedulerConfiguration {
  return parseConfig(readFileSync(file, 'utf8'));
}

function validate(c: KubeSchedulerConfiguration): KubeSchedulerConfiguration {
  const names = new Set<string>();
  for (const p of c.profiles ?? []) {
    const n = p.schedulerName ?? DefaultSchedulerName;
    if (names.has(n)) throw new Error(`scheduler configuration: duplicate profile schedulerName "${n}"`);
    names.add(n);
    const pct = p.percentageOfNodesToScore;
    if (pct !== undefined && (pct < 0 || pct > 100)) throw new Error(`scheduler configuration: percentageOfNodesToScore ${pct} not in [0, 100]`);
  }
  const pct = c.percentageOfNodesToScore;
  if (pct !== undefined && (pct < 0 || pct > 100)) throw new Error(`scheduler configuration: percentageOfNodesToScore ${pct} not in [0, 100]`);
  return c;
}

/** The configured profiles, or the single default one. */
export function profilesOf(c: KubeSchedulerConfiguration): Profile[] {
  return c.profiles?.length ? c.profiles : [{ schedulerName: DefaultSchedulerName }];
}

/**
 * The plugins of each extension point: specifically enabled ones first, then MultiPoint's
 * (the defaults less MultiPoint.disabled, plus MultiPoint.enabled), less the point's disabled
 * ('*' disables every MultiPoint plugin at that point). implements(name, point) says whether a
 * plugin has that extension point.
 */
export function resolvePlugins(plugins: Plugins | undefined, implements_: (name: string, point: ExtensionPoint) => boolean): Record<ExtensionPoint, PluginRef[]> {
  const mp = plugins?.multiPoint;
  const mpDisabled = new Set((mp?.disabled ?? []).map((d) => d.name));
  let multi: PluginRef[] = mpDisabled.has('*') ? [] : DefaultMultiPoint.filter((p) => !mpDisabled.has(p.name));
  for (const e of mp?.enabled ?? []) {
    const i = multi.findIndex((p) => p.name === e.name);
    if (i >= 0) multi[i] = { name: e.name, weight: e.weight ?? multi[i]?.weight };
    else multi = [...multi, e];
  }
  const out = {} as Record<ExtensionPoint, PluginRef[]>;
  for (const point of ExtensionPoints) {
    const set = plugins?.[point];
    const disabled = new Set((set?.disabled ?? []).map((d) => d.name));
    const list: PluginRef[] = [];
    const seen = new Set<string>();
    for (const e of set?.enabled ?? []) {
      if (seen.has(e.name)) continue;
      const fromMulti = multi.find((m) => m.name === e.name);
      list.push({ name: e.name, weight: e.weight ?? fromMulti?.weight });
      seen.add(e.name);
    }
    if (!disabled.has('*')) {
      for (const m of multi) {
        if (seen.has(m.name) || disabled.has(m.name) || !implements_(m.name, point)) continue;
        list.push(m);
        seen.add(m.name);
      }
    }
    out[point] = list;
  }
  if (out.queueSort.length !== 1) throw new Error(`scheduler configuration: exactly one queueSort plugin is needed, got ${out.queueSort.length}`);
  if (out.bind.length === 0) throw new Error('scheduler configuration: at least one bind plugin is needed');
  return out;
}

/** Parses a Go duration like "15s" or "1m30s" to ms. */
export function durationMs(s: string | undefined, dflt: number): number {
  if (!s) return dflt;
  let ms = 0;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
  let m: RegExpExecArray | null;
  let matched = '';
  while ((m = re.exec(s))) {
    matched += m[0];
    const n = Number(m[1]);
    ms += m[2] === 'ms' ? n : m[2] === 's' ? n * 1000 : m[2] === 'm' ? n * 60_000 : n * 3_600_000;
  }
  if (matched !== s) throw new Error(`invalid duration ${s}`);
  return ms;
}
