// Every transcribed message table, and the messages whose Go type is a named slice (JSON: an array).

import type { MessageTable } from './types.ts';
import { appsV1 } from './apps-v1.ts';
import { authenticationV1 } from './authentication-v1.ts';
import { authorizationV1 } from './authorization-v1.ts';
import { autoscalingV1 } from './autoscaling-v1.ts';
import { autoscalingV2 } from './autoscaling-v2.ts';
import { batchV1 } from './batch-v1.ts';
import { coordinationV1 } from './coordination-v1.ts';
import { coreV1 } from './core-v1.ts';
import { discoveryV1 } from './discovery-v1.ts';
import { eventsV1 } from './events-v1.ts';
import { metaV1 } from './meta-v1.ts';
import { networkingV1 } from './networking-v1.ts';
import { policyV1 } from './policy-v1.ts';
import { rbacV1 } from './rbac-v1.ts';
import { runtime } from './runtime.ts';
import { schedulingV1 } from './scheduling-v1.ts';
import { schedulingV1alpha3 } from './scheduling-v1alpha3.ts';
import { storageV1 } from './storage-v1.ts';

export const messages: MessageTable = Object.assign({}, appsV1, authenticationV1, authorizationV1, autoscalingV1, autoscalingV2, batchV1, coordinationV1, coreV1, discoveryV1, eventsV1, metaV1, networkingV1, policyV1, rbacV1, runtime, schedulingV1, schedulingV1alpha3, storageV1);

export const listWrappers: ReadonlySet<string> = new Set(['authentication.v1.AttestationValue', 'authentication.v1.ExtraValue', 'authorization.v1.ExtraValue', 'meta.v1.Verbs']);
