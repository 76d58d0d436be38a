// Wire-format table (field numbers, wire types, JSON names) of k8s.io authentication.v1 generated.proto and Go struct tags.
// Row: [field number, JSON name ('' = inline), type, FLAG bits, map key type, map value type].

import type { MessageTable } from './types.ts';

export const authenticationV1: MessageTable = {
  'authentication.v1.AttestationValue': [
    [1, 'items', 'string', 16],
  ],
  'authentication.v1.BoundObjectReference': [
    [1, 'kind', 'string', 2], [2, 'apiVersion', 'string', 2], [3, 'name', 'string', 2],
    [4, 'uid', 'string', 2],
  ],
  'authentication.v1.ExtraValue': [
    [1, 'items', 'string', 16],
  ],
  'authentication.v1.SelfSubjectReview': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 2], [2, 'status', 'authentication.v1.SelfSubjectReviewStatus', 2],
  ],
  'authentication.v1.SelfSubjectReviewStatus': [
    [1, 'userInfo', 'authentication.v1.UserInfo', 2],
  ],
  'authentication.v1.TokenRequest': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 2], [2, 'spec', 'authentication.v1.TokenRequestSpec', 0],
    [3, 'status', 'authentication.v1.TokenRequestStatus', 2],
  ],
  'authentication.v1.TokenRequestSpec': [
    [1, 'audiences', 'string', 16], [4, 'expirationSeconds', 'int64', 1],
    [3, 'boundObjectRef', 'authentication.v1.BoundObjectReference', 1],
    [5, 'attestations', 'map', 2, 'string', 'authentication.v1.AttestationValue'],
  ],
  'authentication.v1.TokenRequestStatus': [
    [1, 'token', 'string', 0], [2, 'expirationTimestamp', 'meta.v1.Time', 0],
  ],
  'authentication.v1.TokenReview': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 2], [2, 'spec', 'authentication.v1.TokenReviewSpec', 0],
    [3, 'status', 'authentication.v1.TokenReviewStatus', 2],
  ],
  'authentication.v1.TokenReviewSpec': [
    [1, 'token', 'string', 2], [2, 'audiences', 'string', 18],
  ],
  'authentication.v1.TokenReviewStatus': [
    [1, 'authenticated', 'bool', 2], [2, 'user', 'authentication.v1.UserInfo', 2],
    [4, 'audiences', 'string', 18], [3, 'error', 'string', 2],
  ],
  'authentication.v1.UserInfo': [
    [1, 'username', 'string', 2], [2, 'uid', 'string', 2], [3, 'groups', 'string', 18],
    [4, 'extra', 'map', 2, 'string', 'authentication.v1.ExtraValue'],
  ],
};
