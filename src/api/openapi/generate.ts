// Builds swagger 2.0 `definitions` with upstream's names and descriptions from the .d.ts files of
// the `kubernetes-types` package (which carries upstream's doc comments), using the TypeScript
// compiler's parser. Patch/list/map metadata comes from extensions.ts.

import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as TS from 'typescript';
import type { Schema } from '../openapi-model.ts';
import { extensionsFor } from './extensions.ts';

const require = createRequire(import.meta.url);

/** Module (relative to kubernetes-types, without .d.ts) → upstream definition-name prefix. */
function prefixOf(module: string): string {
  if (module === 'meta/v1') return 'io.k8s.apimachinery.pkg.apis.meta.v1';
  if (module === 'api/resource') return 'io.k8s.apimachinery.pkg.api.resource';
  if (module === 'runtime') return 'io.k8s.apimachinery.pkg.runtime';
  if (module === 'version') return 'io.k8s.apimachinery.pkg.version';
  if (module.startsWith('apiextensions/')) return `io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.${module.slice(14)}`;
  return `io.k8s.api.${module.replace('/', '.')}`;
}

export const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';

/** Integer fields upstream declares as int64 (everything else integer is int32). */
const INT64_FIELDS = new Set([
  'generation', 'observedGeneration', 'runAsUser', 'runAsGroup', 'fsGroup', 'supplementalGroups',
  'terminationGracePeriodSeconds', 'activeDeadlineSeconds', 'deletionGracePeriodSeconds',
  'gracePeriodSeconds', 'tolerationSeconds', 'expirationSeconds', 'startingDeadlineSeconds',
  'revision', 'remainingItemCount', 'maxLength', 'minLength', 'maxItems', 'minItems',
  'maxProperties', 'minProperties', 'ttlSecondsAfterFinished', 'seconds', 'audienceExpirationSeconds',
]);
/** Fields that are floating point upstream. */
const DOUBLE_FIELDS = new Set(['maximum', 'minimum', 'multipleOf']);

interface ModuleInfo {
  module: string;
  source: TS.SourceFile;
  /** Imported name → definition name. */
  imports: Map<string, string>;
  /** Locally declared names. */
  locals: Set<string>;
}

function typesRoot(): string {
  return path.dirname(require.resolve('kubernetes-types/package.json'));
}

function listModules(root: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      for (const f of fs.readdirSync(path.join(root, entry.name))) {
        if (f.endsWith('.d.ts')) out.push(`${entry.name}/${f.slice(0, -5)}`);
      }
    } else if (entry.name.endsWith('.d.ts')) {
      out.push(entry.name.slice(0, -5));
    }
  }
  return out.sort();
}

function docOf(ts: typeof TS, node: TS.Node): string | undefined {
  const parts: string[] = [];
  for (const d of ts.getJSDocCommentsAndTags(node)) {
    if (ts.isJSDoc(d) && d.comment !== undefined) {
      const text = ts.getTextOfJSDocComment(d.comment);
      if (text) parts.push(text);
    }
  }
  return parts.length ? parts.join('\n\n') : undefined;
}

function stringLiteralOf(ts: typeof TS, t: TS.TypeNode | undefined): string | undefined {
  if (t && ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal)) return t.literal.text;
  return undefined;
}

/** Generates every definition: name → Schema, sorted by name. */
export function generateDefinitions(): Record<string, Schema> {
  const ts = require('typescript') as typeof TS;
  const root = typesRoot();
  const modules: ModuleInfo[] = [];
  for (const module of listModules(root)) {
    const text = fs.readFileSync(path.join(root, `${module}.d.ts`), 'utf8');
    const source = ts.createSourceFile(`${module}.d.ts`, text, ts.ScriptTarget.Latest, true);
    const imports = new Map<string, string>();
    const locals = new Set<string>();
    for (const st of source.statements) {
      if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier)) {
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(module), st.moduleSpecifier.text));
        const bindings = st.importClause?.namedBindings;
        if (bindings && ts.isNamedImports(bindings)) {
          for (const el of bindings.elements) imports.set(el.name.text, `${prefixOf(target)}.${(el.propertyName ?? el.name).text}`);
        }
      } else if ((ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st)) && st.name) {
        locals.add(st.name.text);
      }
    }
    modules.push({ module, source, imports, locals });
  }

  const defs: Record<string, Schema> = {};
  for (const m of modules) {
    const prefix = prefixOf(m.module);
    const refName = (name: string): string | undefined =>
      m.locals.has(name) ? `${prefix}.${name}` : m.imports.get(name);

    const typeToSchema = (t: TS.TypeNode, field: string): Schema => {
      if (ts.isParenthesizedTypeNode(t)) return typeToSchema(t.type, field);
      switch (t.kind) {
        case ts.SyntaxKind.StringKeyword: return { type: 'string' };
        case ts.SyntaxKind.BooleanKeyword: return { type: 'boolean' };
        case ts.SyntaxKind.NumberKeyword:
          if (DOUBLE_FIELDS.has(field)) return { type: 'number', format: 'double' };
          return { type: 'integer', format: INT64_FIELDS.has(field) ? 'int64' : 'int32' };
        default: break;
      }
      if (ts.isLiteralTypeNode(t)) {
        if (ts.isStringLiteral(t.literal)) return { type: 'string' };
        if (t.literal.kind === ts.SyntaxKind.TrueKeyword || t.literal.kind === ts.SyntaxKind.FalseKeyword) return { type: 'boolean' };
        return { type: 'integer', format: 'int32' };
      }
      if (ts.isArrayTypeNode(t)) return { type: 'array', items: typeToSchema(t.elementType, field) };
      if (ts.isUnionTypeNode(t)) {
        const kinds = new Set(t.types.map((u) => u.kind));
        if (kinds.has(ts.SyntaxKind.NumberKeyword) && kinds.has(ts.SyntaxKind.StringKeyword) && kinds.size === 2) {
          return { $ref: `#/definitions/${INT_OR_STRING}` };
        }
        return {}; // e.g. JSONSchemaPropsOrBool: any JSON value, as upstream leaves it untyped
      }
      if (ts.isTypeLiteralNode(t)) {
        const index = t.members.find(ts.isIndexSignatureDeclaration);
        if (index) return { type: 'object', additionalProperties: typeToSchema(index.type, field) };
        return { type: 'object' };
      }
      if (ts.isTypeReferenceNode(t)) {
        const name = ts.isIdentifier(t.typeName) ? t.typeName.text : t.typeName.right.text;
        if (name === 'Array' && t.typeArguments?.[0]) return { type: 'array', items: typeToSchema(t.typeArguments[0], field) };
        const ref = refName(name);
        if (ref) return { $ref: `#/definitions/${ref}` };
        throw new Error(`${m.module}: unknown type ${name}`);
      }
      throw new Error(`${m.module}: unsupported type syntax ${ts.SyntaxKind[t.kind]}`);
    };

    for (const st of m.source.statements) {
      if (ts.isTypeAliasDeclaration(st)) {
        const name = st.name.text;
        const schema: Schema = {};
        const doc = docOf(ts, st);
        if (doc) schema.description = doc;
        if (name === 'Time') Object.assign(schema, { type: 'string', format: 'date-time' });
        else if (name === 'MicroTime') Object.assign(schema, { type: 'string', format: 'date-time' });
        else if (name === 'Quantity') Object.assign(schema, { type: 'string' });
        else if (st.type.kind === ts.SyntaxKind.StringKeyword) schema.type = 'string';
        defs[`${prefix}.${name}`] = schema;
        continue;
      }
      if (!ts.isInterfaceDeclaration(st)) continue;
      const shortName = st.name.text;
      const schema: Schema = {};
      const doc = docOf(ts, st);
      if (doc) schema.description = doc;
      const properties: Record<string, Schema> = {};
      const required: string[] = [];
      let apiVersion: string | undefined;
      let kind: string | undefined;
      for (const member of st.members) {
        if (!ts.isPropertySignature(member) || !member.type) continue;
        const field = ts.isIdentifier(member.name) || ts.isStringLiteral(member.name) ? member.name.text : member.name.getText(m.source);
        if (field === 'apiVersion') apiVersion = stringLiteralOf(ts, member.type);
        if (field === 'kind') kind = stringLiteralOf(ts, member.type);
        const prop: Schema = typeToSchema(member.type, field);
        const fdoc = docOf(ts, member);
        // Descriptions first, as upstream prints them.
        const withDoc: Schema = fdoc ? { description: fdoc, ...prop } : prop;
        Object.assign(withDoc, extensionsFor(shortName, field));
        properties[field] = withDoc;
        if (!member.questionToken) required.push(field);
      }
      if (Object.keys(properties).length) schema.properties = properties;
      schema.type = 'object';
      if (required.length) schema.required = required;
      if (apiVersion !== undefined && kind !== undefined) {
        const slash = apiVersion.indexOf('/');
        schema['x-kubernetes-group-version-kind'] = [{
          group: slash < 0 ? '' : apiVersion.slice(0, slash),
          kind,
          version: slash < 0 ? apiVersion : apiVersion.slice(slash + 1),
        }];
      }
      Object.assign(schema, extensionsFor(shortName));
      defs[`${prefix}.${shortName}`] = schema;
    }
  }
  // Upstream's JSON is untyped (any JSON value), unlike the empty-struct objects RawExtension and FieldsV1.
  const json = defs['io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSON'];
  if (json) delete json.type;
  defs[INT_OR_STRING] = {
    description: 'IntOrString is a type that can hold an int32 or a string.  When used in JSON or YAML marshalling and unmarshalling, it produces or consumes the inner type.  This allows you to have, for example, a JSON field that can accept a name or number.',
    type: 'string',
    format: 'int-or-string',
  };
  return Object.fromEntries(Object.entries(defs).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Where the generated definitions live: <project>/generated/openapi-definitions.json. */
export function definitionsPath(): string {
  return path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../generated/openapi-definitions.json');
}

/** Generates and writes the definitions file; returns its path. */
export function writeDefinitions(file = definitionsPath()): string {
  const defs = generateDefinitions();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify({ swagger: '2.0', definitions: defs }) + '\n');
  fs.renameSync(tmp, file);
  return file;
}
