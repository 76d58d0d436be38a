// application/vnd.kubernetes.protobuf bodies: the 4-byte magic "k8s\0", then a runtime.Unknown
// { typeMeta{apiVersion=1, kind=2}=1, raw=2, contentEncoding=3, contentType=4 } whose raw is the
// object's own message (k8s.io.api.core.v1.ConfigMap, ...), without its TypeMeta.

import { badRequest } from '../errors.ts';
import { messageNamed, type Message } from './compile.ts';
import { decodeMessage } from './decode.ts';
import { encodeMessage } from './encode.ts';
import { Reader, WIRE, Writer } from './wire.ts';

import { PROTOBUF_CONTENT_TYPE } from './media.ts';

export { PROTOBUF_CONTENT_TYPE };
const MAGIC = [0x6b, 0x38, 0x73, 0x00];

export interface DecodedObject {
  apiVersion: string;
  kind: string;
  /** The JSON form, with kind and apiVersion set, as upstream's JSON serializer prints it. */
  object: Record<string, unknown>;
}

/** The transcribed message for a kind: 'rbac.authorization.k8s.io/v1' RoleBinding → rbac.v1.RoleBinding. */
export function messageForKind(apiVersion: string, kind: string): Message | undefined {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = apiVersion.slice(slash + 1);
  // Upstream's proto packages are named after the group's first label (rbac.authorization.k8s.io → rbac).
  const pkg = group === '' ? 'core' : group.split('.')[0]!;
  if (!/^[a-z0-9]+$/.test(pkg) || !/^v[0-9a-z]+$/.test(version) || !/^[A-Za-z0-9]+$/.test(kind)) return undefined;
  // meta/v1 kinds (DeleteOptions, Status, ...) travel under every group's version.
  return messageNamed(`${pkg}.${version}.${kind}`) ?? messageNamed(`meta.v1.${kind}`);
}

function readEnvelope(buf: Uint8Array): { apiVersion: string; kind: string; raw: Uint8Array; contentEncoding: string } {
  const r = new Reader(buf, MAGIC.length);
  let apiVersion = '', kind = '', contentEncoding = '';
  let raw: Uint8Array = new Uint8Array(0);
  while (r.pos < r.end) {
    const tag = r.varint();
    const num = Math.floor(tag / 8), wire = tag & 7;
    if (num === 0) throw badRequest('protobuf: illegal field number 0 in runtime.Unknown');
    if (num === 1 && wire === WIRE.bytes) {
      const len = r.length();
      const end = r.pos + len;
      const outerEnd = r.end;
      r.end = end;
      while (r.pos < end) {
        const t = r.varint();
        if (t === (1 << 3 | WIRE.bytes)) apiVersion = r.string();
        else if (t === (2 << 3 | WIRE.bytes)) kind = r.string();
        else if (t < 8) throw badRequest('protobuf: illegal field number 0 in runtime.TypeMeta');
        else r.skip(t & 7);
      }
      r.end = outerEnd;
    } else if (num === 2 && wire === WIRE.bytes) raw = r.bytes();
    else if (num === 3 && wire === WIRE.bytes) contentEncoding = r.string();
    else r.skip(wire);
  }
  return { apiVersion, kind, raw, contentEncoding };
}

/** Decodes a protobuf request body; every problem is a 400 BadRequest. */
export function decodeK8sProtobuf(buf: Uint8Array): DecodedObject {
  if (buf.length < MAGIC.length || MAGIC.some((b, i) => buf[i] !== b)) {
    throw badRequest('protobuf: body does not start with the Kubernetes protobuf prefix "k8s\\x00"');
  }
  const env = readEnvelope(buf);
  if (env.contentEncoding) throw badRequest(`protobuf: unsupported content encoding ${JSON.stringify(env.contentEncoding)}`);
  if (!env.kind || !env.apiVersion) throw badRequest('protobuf: Object \'Kind\' or \'apiVersion\' is missing');
  const m = messageForKind(env.apiVersion, env.kind);
  if (!m) throw badRequest(`protobuf: no kind "${env.kind}" is registered for version "${env.apiVersion}"`);
  const fields = decodeMessage(m, env.raw);
  return { apiVersion: env.apiVersion, kind: env.kind, object: { kind: env.kind, apiVersion: env.apiVersion, ...fields } };
}

/** Encodes an object (JSON form) as a protobuf body; throws TypeError when obj does not fit the kind. */
export function encodeK8sProtobuf(apiVersion: string, kind: string, obj: Record<string, unknown>): Uint8Array {
  const m = messageForKind(apiVersion, kind);
  if (!m) throw new TypeError(`protobuf: no message for ${apiVersion} ${kind}`);
  const raw = encodeMessage(m, obj);
  const typeMeta = new Writer();
  typeMeta.tag(1, WIRE.bytes); typeMeta.string(apiVersion);
  typeMeta.tag(2, WIRE.bytes); typeMeta.string(kind);
  const w = new Writer();
  w.raw(Uint8Array.from(MAGIC));
  w.tag(1, WIRE.bytes); w.message(typeMeta);
  w.tag(2, WIRE.bytes); w.bytes(raw);
  // Go writes the empty contentEncoding and contentType too; kept for byte-compatibility.
  w.tag(3, WIRE.bytes); w.varint(0);
  w.tag(4, WIRE.bytes); w.varint(0);
  return w.finish();
}
