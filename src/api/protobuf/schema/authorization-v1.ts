// Wire-format table (field numbers, wire types, JSON names) of k8s.io authorization.v1 generated.proto and Go struct tags.
// Row: [field number, JSON name ('' = inline), type, FLAG bits, map key type, map value type].

import type { MessageTable } from './types.ts';

export const authorizationV1: MessageTable = {
  'authorization.v1.ExtraValue': [
    [1, 'items', 'string', 16],
  ],
  'authorization.v1.FieldSelectorAttributes': [
    [1, 'rawSelector', 'string', 2], [2, 'requirements', 'meta.v1.FieldSelectorRequirement', 18],
  ],
  'authorization.v1.LabelSelectorAttributes': [
    [1, 'rawSelector', 'string', 2], [2, 'requirements', 'meta.v1.LabelSelectorRequirement', 18],
  ],
  'authorization.v1.LocalSubjectAccessReview': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 2], [2, 'spec', 'authorization.v1.SubjectAccessReviewSpec', 0],
    [3, 'status', 'authorization.v1.SubjectAccessReviewStatus', 2],
  ],
  'authorization.v1.NonResourceAttributes': [
    [1, 'path', 'string', 2], [2, 'verb', 'string', 2],
  ],
  'authorization.v1.NonResourceRule': [
    [1, 'verbs', 'string', 16], [2, 'nonResourceURLs', 'string', 18],
  ],
  'authorization.v1.ResourceAttributes': [
    [1, 'namespace', 'string', 2], [2, 'verb', 'string', 2], [3, 'group', 'string', 2],
    [4, 'version', 'string', 2], [5, 'resource', 'string', 2], [6, 'subresource', 'string', 2],
    [7, 'name', 'string', 2], [8, 'fieldSelector', 'authorization.v1.FieldSelectorAttributes', 3],
    [9, 'labelSelector', 'authorization.v1.LabelSelectorAttributes', 3],
  ],
  'authorization.v1.ResourceRule': [
    [1, 'verbs', 'string', 16], [2, 'apiGroups', 'string', 18], [3, 'resources', 'string', 18],
    [4, 'resourceNames', 'string', 18],
  ],
  'authorization.v1.SelfSubjectAccessReview': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 2], [2, 'spec', 'authorization.v1.SelfSubjectAccessReviewSpec', 0],
    [3, 'status', 'authorization.v1.SubjectAccessReviewStatus', 2],
  ],
  'authorization.v1.SelfSubjectAccessReviewSpec': [
    [1, 'resourceAttributes', 'authorization.v1.ResourceAttributes', 3],
    [2, 'nonResourceAttributes', 'authorization.v1.NonResourceAttributes', 3],
  ],
  'authorization.v1.SelfSubjectRulesReview': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 2], [2, 'spec', 'authorization.v1.SelfSubjectRulesReviewSpec', 0],
    [3, 'status', 'authorization.v1.SubjectRulesReviewStatus', 2],
  ],
  'authorization.v1.SelfSubjectRulesReviewSpec': [
    [1, 'namespace', 'string', 2],
  ],
  'authorization.v1.SubjectAccessReview': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 2], [2, 'spec', 'authorization.v1.SubjectAccessReviewSpec', 0],
    [3, 'status', 'authorization.v1.SubjectAccessReviewStatus', 2],
  ],
  'authorization.v1.SubjectAccessReviewSpec': [
    [1, 'resourceAttributes', 'authorization.v1.ResourceAttributes', 3],
    [2, 'nonResourceAttributes', 'authorization.v1.NonResourceAttributes', 3], [3, 'user', 'string', 2],
    [4, 'groups', 'string', 18], [5, 'extra', 'map', 2, 'string', 'authorization.v1.ExtraValue'],
    [6, 'uid', 'string', 2],
  ],
  'authorization.v1.SubjectAccessReviewStatus': [
    [1, 'allowed', 'bool', 0], [4, 'denied', 'bool', 2], [2, 'reason', 'string', 2],
    [3, 'evaluationError', 'string', 2],
  ],
  'authorization.v1.SubjectRulesReviewStatus': [
    [1, 'resourceRules', 'authorization.v1.ResourceRule', 16],
    [2, 'nonResourceRules', 'authorization.v1.NonResourceRule', 16], [3, 'incomplete', 'bool', 0],
    [4, 'evaluationError', 'string', 2],
  ],
};
