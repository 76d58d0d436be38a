// Maintenance tool, not used at run time: transcribes the facts coxswain needs about Kubernetes'
// protobuf messages into our compact tables under ../schema/. It reads two things from local
// git mirrors of kubernetes/api and kubernetes/apimachinery: each package's generated.proto
// (field numbers, scalar/message/map types, repeated) and the Go struct tags in its .go files
// (JSON name, omitempty/omitzero, inline, pointer), joined on message name + field number.
//
//   node src/api/protobuf/tools/transcribe.ts <kubernetes-api git dir> <apimachinery git dir>

import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { FLAG } from '../schema/types.ts';

const [apiDir, machineryDir] = process.argv.slice(2);
if (!apiDir || !machineryDir) throw new Error('usage: transcribe.ts <kubernetes/api git dir> <kubernetes/apimachinery git dir>');

// The groups coxswain serves (all messages of these packages are transcribed).
const ROOT_PACKAGES = [
  'core/v1', 'apps/v1', 'batch/v1', 'autoscaling/v1', 'autoscaling/v2', 'coordination/v1', 'discovery/v1',
  'networking/v1', 'policy/v1', 'scheduling/v1', 'storage/v1', 'events/v1', 'authentication/v1',
  'authorization/v1', 'rbac/v1',
];
// Messages whose JSON form is custom (codec.ts handles them by name); not transcribed.
const SPECIAL = new Set([
  'meta.v1.Time', 'meta.v1.MicroTime', 'meta.v1.Duration', 'meta.v1.FieldsV1', 'meta.v1.Timestamp',
  'resource.Quantity', 'intstr.IntOrString', 'runtime.RawExtension',
]);

interface ProtoField { num: number; name: string; type: string; repeated: boolean; mapKey?: string; mapValue?: string }
interface GoField { json: string; omitempty: boolean; omitzero: boolean; inline: boolean; pointer: boolean; order: number }

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['--git-dir', dir, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
}

/** Full proto package → our short prefix, and where its sources live. */
function locate(pkg: string): { short: string; dir: string; path: string } {
  if (pkg.startsWith('k8s.io.api.')) {
    const rest = pkg.slice('k8s.io.api.'.length);
    return { short: rest, dir: apiDir!, path: rest.replace('.', '/') };
  }
  const m: Record<string, string> = {
    'k8s.io.apimachinery.pkg.apis.meta.v1': 'meta.v1',
    'k8s.io.apimachinery.pkg.runtime': 'runtime',
    'k8s.io.apimachinery.pkg.runtime.schema': 'runtime.schema',
    'k8s.io.apimachinery.pkg.api.resource': 'resource',
    'k8s.io.apimachinery.pkg.util.intstr': 'intstr',
  };
  const short = m[pkg];
  if (!short) throw new Error(`unknown proto package ${pkg}`);
  return { short, dir: machineryDir!, path: pkg.slice('k8s.io.apimachinery.'.length).replaceAll('.', '/') };
}

const SCALARS = new Set(['string', 'bytes', 'bool', 'int32', 'int64', 'uint32', 'uint64', 'double', 'float']);

function shortType(t: string, pkg: string): string {
  if (SCALARS.has(t)) return t;
  const full = t.startsWith('.') ? t.slice(1) : `${pkg}.${t}`;
  const i = full.lastIndexOf('.');
  return `${locate(full.slice(0, i)).short}.${full.slice(i + 1)}`;
}

function parseProto(src: string, pkg: string): Map<string, ProtoField[]> {
  const out = new Map<string, ProtoField[]>();
  const text = src.split('\n').filter((l) => !l.trim().startsWith('//')).join('\n');
  for (const m of text.matchAll(/^message (\w+) \{([^}]*)\}/gm)) {
    const fields: ProtoField[] = [];
    for (const f of m[2]!.matchAll(/^\s*(optional|repeated) ([\w.]+) (\w+) = (\d+);/gm)) {
      fields.push({ num: Number(f[4]), name: f[3]!, type: shortType(f[2]!, pkg), repeated: f[1] === 'repeated' });
    }
    for (const f of m[2]!.matchAll(/^\s*map<([\w.]+), ([\w.]+)> (\w+) = (\d+);/gm)) {
      fields.push({ num: Number(f[4]), name: f[3]!, type: 'map', repeated: false, mapKey: shortType(f[1]!, pkg), mapValue: shortType(f[2]!, pkg) });
    }
    out.set(m[1]!, fields);
  }
  return out;
}

/** Go struct fields keyed by protobuf field number, plus named slice types (list wrappers). */
function parseGo(dir: string, pkgPath: string): { structs: Map<string, Map<number, GoField>>; slices: Set<string> } {
  const structs = new Map<string, Map<number, GoField>>();
  const slices = new Set<string>();
  const files = git(dir, 'ls-tree', '--name-only', 'HEAD', `${pkgPath}/`).split('\n')
    .filter((f) => f.endsWith('.go') && !f.endsWith('_test.go') && !path.basename(f).startsWith('zz_generated'));
  for (const file of files) {
    const src = git(dir, 'show', `HEAD:${file}`);
    for (const m of src.matchAll(/^type (\w+) \[\]/gm)) slices.add(m[1]!);
    for (const m of src.matchAll(/^type (\w+) struct \{\n([\s\S]*?)^\}/gm)) {
      const fields = new Map<number, GoField>();
      let order = 0;
      for (const line of m[2]!.split('\n')) {
        const t = line.trim();
        if (t.startsWith('//')) continue;
        const named = /^(\w+)\s+(\S+)\s+`([^`]*)`/.exec(t);
        const embedded = /^([\w.*]+)\s+`([^`]*)`/.exec(t);
        const goType = named ? named[2]! : embedded ? embedded[1]! : undefined;
        const tag = named ? named[3]! : embedded ? embedded[2]! : undefined;
        if (goType === undefined || tag === undefined) continue;
        const pb = /protobuf:"[a-z0-9]+,(\d+),/.exec(tag);
        if (!pb) continue;
        const json = /json:"([^"]*)"/.exec(tag)?.[1] ?? '';
        const [name, ...opts] = json.split(',');
        fields.set(Number(pb[1]), {
          json: name ?? '', omitempty: opts.includes('omitempty'), omitzero: opts.includes('omitzero'),
          inline: opts.includes('inline') || (!named && !name), pointer: goType.startsWith('*'), order: order++,
        });
      }
      structs.set(m[1]!, fields);
    }
  }
  return { structs, slices };
}

interface Pkg { short: string; protos: Map<string, ProtoField[]>; go: ReturnType<typeof parseGo> }
const pkgs = new Map<string, Pkg>();
function load(short: string): Pkg {
  let p = pkgs.get(short);
  if (p) return p;
  const full = short === 'meta.v1' ? 'k8s.io.apimachinery.pkg.apis.meta.v1'
    : short === 'runtime' ? 'k8s.io.apimachinery.pkg.runtime'
      : short === 'runtime.schema' ? 'k8s.io.apimachinery.pkg.runtime.schema'
        : `k8s.io.api.${short}`;
  const loc = locate(full);
  p = { short, protos: parseProto(git(loc.dir, 'show', `HEAD:${loc.path}/generated.proto`), full), go: parseGo(loc.dir, loc.path) };
  pkgs.set(short, p);
  return p;
}

type Row = (string | number)[];
const tables = new Map<string, Map<string, Row[]>>(); // package short → message → rows
const wrappers = new Set<string>();
const queue: string[] = [];
for (const rp of ROOT_PACKAGES) {
  const short = rp.replace('/', '.');
  for (const name of load(short).protos.keys()) queue.push(`${short}.${name}`);
}
for (const name of load('meta.v1').protos.keys()) queue.push(`meta.v1.${name}`);
queue.push('runtime.Unknown', 'runtime.TypeMeta');

const seen = new Set<string>();
while (queue.length) {
  const msg = queue.shift()!;
  if (seen.has(msg) || SPECIAL.has(msg) || SCALARS.has(msg)) continue;
  seen.add(msg);
  const i = msg.lastIndexOf('.');
  const pkg = load(msg.slice(0, i));
  const name = msg.slice(i + 1);
  const proto = pkg.protos.get(name);
  if (!proto) throw new Error(`no message ${msg}`);
  if (pkg.go.slices.has(name)) { wrappers.add(msg); }
  const go = pkg.go.structs.get(name);
  const rows: { order: number; row: Row }[] = [];
  for (const f of proto) {
    const g = go?.get(f.num);
    if (!g && !pkg.go.slices.has(name)) console.warn(`no Go field for ${msg} #${f.num} ${f.name}; using proto name`);
    const flags = (g?.pointer ? FLAG.pointer : 0) | (g?.omitempty ? FLAG.omitempty : 0) | (g?.omitzero ? FLAG.omitzero : 0)
      | (g?.inline ? FLAG.inline : 0) | (f.repeated ? FLAG.repeated : 0);
    const json = g?.inline ? '' : (g?.json || f.name);
    const row: Row = f.type === 'map' ? [f.num, json, 'map', flags, f.mapKey!, f.mapValue!] : [f.num, json, f.type, flags];
    rows.push({ order: g?.order ?? f.num, row });
    for (const t of [f.type, f.mapKey, f.mapValue]) if (t && t !== 'map' && !SCALARS.has(t)) queue.push(t);
  }
  rows.sort((a, b) => a.order - b.order);
  let t = tables.get(pkg.short);
  if (!t) tables.set(pkg.short, t = new Map());
  t.set(msg, rows.map((r) => r.row));
}

const outDir = path.join(import.meta.dirname, '..', 'schema');
const index: string[] = [];
for (const [short, msgs] of [...tables].sort((a, b) => a[0].localeCompare(b[0]))) {
  const file = short.replace(/\./g, '-');
  const ident = short.replace(/\.(\w)/g, (_, c: string) => c.toUpperCase());
  const lines = [
    `// Transcribed by ../tools/transcribe.ts from k8s.io ${short} generated.proto and Go struct tags.`,
    '// Row: [field number, JSON name (\'\' = inline), type, FLAG bits, map key type, map value type].',
    '',
    "import type { MessageTable } from './types.ts';",
    '',
    `export const ${ident}: MessageTable = {`,
  ];
  for (const [msg, rows] of [...msgs].sort((a, b) => a[0].localeCompare(b[0]))) {
    lines.push(`  '${msg}': [`);
    let cur = '   ';
    for (const r of rows) {
      const s = ` [${r.map((v) => typeof v === 'number' ? String(v) : `'${v}'`).join(', ')}],`;
      if (cur.length + s.length > 110) { lines.push(cur); cur = '   '; }
      cur += s;
    }
    if (cur.trim()) lines.push(cur);
    lines.push('  ],');
  }
  lines.push('};', '');
  writeFileSync(path.join(outDir, `${file}.ts`), lines.join('\n'));
  index.push(`import { ${ident} } from './${file}.ts';`);
  index.push(`//${ident}`);
}
const idents = index.filter((l) => l.startsWith('//')).map((l) => l.slice(2));
writeFileSync(path.join(outDir, 'index.ts'), [
  '// Every transcribed message table, and the messages whose Go type is a named slice (JSON: an array).',
  '',
  "import type { MessageTable } from './types.ts';",
  ...index.filter((l) => !l.startsWith('//')),
  '',
  `export const messages: MessageTable = Object.assign({}, ${idents.join(', ')});`,
  '',
  `export const listWrappers: ReadonlySet<string> = new Set([${[...wrappers].sort().map((w) => `'${w}'`).join(', ')}]);`,
  '',
].join('\n'));
console.log(`wrote ${tables.size} tables, ${seen.size} messages, wrappers: ${[...wrappers].join(' ')}`);
