// /openapi/v2 in protobuf: the gnostic `openapi.v2.Document` message that kubectl asks for
// (Accept: application/com.github.proto-openapi.spec.v2@v1.0+protobuf). Only the messages and
// fields we emit are declared; field numbers follow gnostic's OpenAPIv2.proto (wire format).
// Vendor extensions travel as YAML text in Any.yaml, as gnostic encodes them.

import protobuf from 'protobufjs';
import YAML from 'yaml';
import type { Schema } from '../../api/openapi-model.ts';
import type { Operation, PathItem } from './paths.ts';
import type { Parameter } from './parameters.ts';
import type { SwaggerDocument } from './v2.ts';

export const OPENAPI_V2_PROTO = `
syntax = "proto3";
package openapi.v2;

message ProtoAny { string type_url = 1; bytes value = 2; }
message Any { ProtoAny value = 1; string yaml = 2; }
message NamedAny { string name = 1; Any value = 2; }
message Info { string title = 1; string version = 2; string description = 3; repeated NamedAny vendor_extension = 7; }
message Document {
  string swagger = 1; Info info = 2; string host = 3; string base_path = 4; repeated string schemes = 5;
  repeated string consumes = 6; repeated string produces = 7; Paths paths = 8; Definitions definitions = 9;
  repeated NamedAny vendor_extension = 16;
}
message Definitions { repeated NamedSchema additional_properties = 1; }
message NamedSchema { string name = 1; Schema value = 2; }
message Properties { repeated NamedSchema additional_properties = 1; }
message TypeItem { repeated string value = 1; }
message ItemsItem { repeated Schema schema = 1; }
message AdditionalPropertiesItem { oneof oneof { Schema schema = 1; bool boolean = 2; } }
message Schema {
  string _ref = 1; string format = 2; string title = 3; string description = 4; Any default = 5;
  repeated string required = 19; repeated Any enum = 20; AdditionalPropertiesItem additional_properties = 21;
  TypeItem type = 22; ItemsItem items = 23; Properties properties = 25; repeated NamedAny vendor_extension = 31;
}
message Paths { repeated NamedAny vendor_extension = 1; repeated NamedPathItem path = 2; }
message NamedPathItem { string name = 1; PathItem value = 2; }
message PathItem {
  string _ref = 1; Operation get = 2; Operation put = 3; Operation post = 4; Operation delete = 5;
  Operation options = 6; Operation head = 7; Operation patch = 8; repeated ParametersItem parameters = 9;
  repeated NamedAny vendor_extension = 10;
}
message Operation {
  repeated string tags = 1; string summary = 2; string description = 3; string operation_id = 5;
  repeated string produces = 6; repeated string consumes = 7; repeated ParametersItem parameters = 8;
  Responses responses = 9; repeated string schemes = 10; bool deprecated = 11; repeated NamedAny vendor_extension = 13;
}
message ParametersItem { oneof oneof { Parameter parameter = 1; JsonReference json_reference = 2; } }
message JsonReference { string _ref = 1; string description = 2; }
message Parameter { oneof oneof { BodyParameter body_parameter = 1; NonBodyParameter non_body_parameter = 2; } }
message BodyParameter { string description = 1; string name = 2; string in = 3; bool required = 4; Schema schema = 5; }
message NonBodyParameter { oneof oneof { QueryParameterSubSchema query_parameter_sub_schema = 3; PathParameterSubSchema path_parameter_sub_schema = 4; } }
message QueryParameterSubSchema {
  bool required = 1; string in = 2; string description = 3; string name = 4; bool allow_empty_value = 5;
  string type = 6; string format = 7; bool unique_items = 20;
}
message PathParameterSubSchema {
  bool required = 1; string in = 2; string description = 3; string name = 4; string type = 5; string format = 6;
  bool unique_items = 19;
}
message Responses { repeated NamedResponseValue response_code = 1; repeated NamedAny vendor_extension = 2; }
message NamedResponseValue { string name = 1; ResponseValue value = 2; }
message ResponseValue { oneof oneof { Response response = 1; JsonReference json_reference = 2; } }
message Response { string description = 1; SchemaItem schema = 2; }
message SchemaItem { oneof oneof { Schema schema = 1; } }
`;

let documentType: protobuf.Type | undefined;

/** The openapi.v2.Document type (field names in snake_case, as declared). */
export function openAPIv2DocumentType(): protobuf.Type {
  documentType ??= protobuf.parse(OPENAPI_V2_PROTO, { keepCase: true }).root.lookupType('openapi.v2.Document');
  return documentType;
}

type Msg = Record<string, unknown>;

function anyOf(value: unknown): Msg {
  return { yaml: YAML.stringify(value) };
}

function extensions(obj: object): Msg[] {
  return Object.entries(obj)
    .filter(([k]) => k.startsWith('x-'))
    .map(([name, value]) => ({ name, value: anyOf(value) }));
}

function schemaMsg(s: Schema): Msg {
  const m: Msg = {};
  if (s.$ref !== undefined) m._ref = s.$ref;
  if (s.format) m.format = s.format;
  if (s.description) m.description = s.description;
  if (s.default !== undefined) m.default = anyOf(s.default);
  if (s.required?.length) m.required = s.required;
  if (s.enum?.length) m.enum = s.enum.map(anyOf);
  if (s.additionalProperties !== undefined) {
    m.additional_properties = typeof s.additionalProperties === 'boolean'
      ? { boolean: s.additionalProperties }
      : { schema: schemaMsg(s.additionalProperties) };
  }
  if (s.type) m.type = { value: [s.type] };
  if (s.items) m.items = { schema: [schemaMsg(s.items)] };
  if (s.properties) {
    m.properties = { additional_properties: Object.entries(s.properties).map(([name, p]) => ({ name, value: schemaMsg(p) })) };
  }
  const ext = extensions(s);
  if (ext.length) m.vendor_extension = ext;
  return m;
}

function parameterMsg(p: Parameter): Msg {
  if (p.in === 'body') {
    return { parameter: { body_parameter: { description: p.description, name: p.name, in: p.in, required: !!p.required, schema: p.schema ? schemaMsg(p.schema) : {} } } };
  }
  const sub = { required: !!p.required, in: p.in, description: p.description, name: p.name, type: p.type ?? 'string', unique_items: !!p.uniqueItems };
  return { parameter: { non_body_parameter: p.in === 'path' ? { path_parameter_sub_schema: sub } : { query_parameter_sub_schema: sub } } };
}

function operationMsg(o: Operation): Msg {
  return {
    tags: o.tags,
    description: o.description,
    operation_id: o.operationId,
    produces: o.produces,
    consumes: o.consumes,
    parameters: (o.parameters ?? []).map(parameterMsg),
    responses: {
      response_code: Object.entries(o.responses).map(([name, r]) => ({
        name,
        value: { response: r.schema ? { description: r.description, schema: { schema: schemaMsg(r.schema) } } : { description: r.description } },
      })),
    },
    schemes: o.schemes,
    vendor_extension: extensions(o),
  };
}

function pathItemMsg(item: PathItem): Msg {
  const m: Msg = { parameters: item.parameters.map(parameterMsg) };
  for (const verb of ['get', 'put', 'post', 'delete', 'patch'] as const) {
    const o = item[verb];
    if (o) m[verb] = operationMsg(o);
  }
  return m;
}

/** Encodes a swagger document as the gnostic openapi.v2.Document protobuf message. */
export function encodeSwaggerProto(doc: SwaggerDocument): Buffer {
  const type = openAPIv2DocumentType();
  const msg = type.fromObject({
    swagger: doc.swagger,
    info: { title: doc.info.title, version: doc.info.version },
    paths: { path: Object.entries(doc.paths).map(([name, item]) => ({ name, value: pathItemMsg(item) })) },
    definitions: { additional_properties: Object.entries(doc.definitions).map(([name, s]) => ({ name, value: schemaMsg(s) })) },
  });
  return Buffer.from(type.encode(msg).finish());
}
