// The protobuf media type, and decoding that loads the codec (its schema tables are ~1.5 MB of
// heap) only when a protobuf body first arrives: JSON-only servers never carry it.

import type { DecodedObject } from './codec.ts';

export const PROTOBUF_CONTENT_TYPE = 'application/vnd.kubernetes.protobuf';

export async function decodeK8sProtobufLazily(buf: Uint8Array): Promise<DecodedObject> {
  return (await import('./codec.ts')).decodeK8sProtobuf(buf);
}
