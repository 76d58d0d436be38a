// The swagger 2.0 document served at /openapi/v2: every definition of the model plus the paths of
// every served resource.

import type { Registry } from '../../api/registry.ts';
import type { Schema, SchemaModel } from '../../api/openapi-model.ts';
import { definitionOf, pathsOf } from './paths.ts';
import type { PathItem } from './paths.ts';

export interface SwaggerDocument {
  swagger: '2.0';
  info: { title: string; version: string };
  paths: Record<string, PathItem>;
  definitions: Record<string, Schema>;
  securityDefinitions: Record<string, unknown>;
  security: Record<string, string[]>[];
}

/** Definitions for served kinds the model has no schema for (kept open: any fields accepted). */
function fallbackDefinitions(registry: Registry, model: SchemaModel): Record<string, Schema> {
  const out: Record<string, Schema> = {};
  for (const types of registry.groupVersions().values()) {
    for (const t of types) {
      for (const kind of [t.kind, `${t.kind}List`]) {
        if (model.definitionFor(t.group, t.version, kind)) continue;
        out[definitionOf(model, t.group, t.version, kind)] = {
          type: 'object',
          'x-kubernetes-preserve-unknown-fields': true,
          'x-kubernetes-group-version-kind': [{ group: t.group, kind, version: t.version }],
        };
      }
    }
  }
  return out;
}

export function pathsOfRegistry(registry: Registry, model: SchemaModel, gv?: string): Record<string, PathItem> {
  const paths: Record<string, PathItem> = {};
  for (const [key, types] of registry.groupVersions()) {
    if (gv !== undefined && key !== gv) continue;
    for (const t of types) Object.assign(paths, pathsOf(t, model));
  }
  return Object.fromEntries(Object.entries(paths).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function allDefinitions(registry: Registry, model: SchemaModel): Record<string, Schema> {
  return { ...model.definitions, ...fallbackDefinitions(registry, model) };
}

export function buildSwagger(registry: Registry, model: SchemaModel, version: string): SwaggerDocument {
  return {
    swagger: '2.0',
    info: { title: 'Kubernetes', version },
    paths: pathsOfRegistry(registry, model),
    definitions: allDefinitions(registry, model),
    securityDefinitions: { BearerToken: { description: 'Bearer Token authentication', type: 'apiKey', name: 'authorization', in: 'header' } },
    security: [{ BearerToken: [] }],
  };
}
