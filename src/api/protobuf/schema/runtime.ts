// Wire-format table (field numbers, wire types, JSON names) of k8s.io runtime generated.proto and Go struct tags.
// Row: [field number, JSON name ('' = inline), type, FLAG bits, map key type, map value type].

import type { MessageTable } from './types.ts';

export const runtime: MessageTable = {
  'runtime.TypeMeta': [
    [1, 'apiVersion', 'string', 2], [2, 'kind', 'string', 2],
  ],
  'runtime.Unknown': [
    [1, '', 'runtime.TypeMeta', 8], [2, '-', 'bytes', 0], [3, 'contentEncoding', 'string', 0],
    [4, 'contentType', 'string', 0],
  ],
};
