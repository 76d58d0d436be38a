// flowcontrol.apiserver.k8s.io/v1 FlowSchema and PriorityLevelConfiguration (API Priority and
// Fairness): cluster-scoped, with a status subresource, upstream's printer columns and v1 defaults.

import type { ResourceType } from '../registry.ts';
import type { KubeObject } from '../types.ts';
import { child, isObj, obj, objs, setDefault, str } from './access.ts';
import { age, ageColumn, col, nameColumn, specOf } from './printers.ts';
import { statusStrategy } from './strategy.ts';
import { validation } from './wiring.ts';

export const FLOWCONTROL_GROUP = 'flowcontrol.apiserver.k8s.io';

const PL_NAME_DOC = '`name` is the name of the priority level configuration being referenced Required.';
const PRECEDENCE_DOC = '`matchingPrecedence` is used to choose among the FlowSchemas that match a given request. The chosen FlowSchema is among those with the numerically lowest (which we take to be logically highest) MatchingPrecedence.  Each MatchingPrecedence value must be ranged in [1,10000]. Note that if the precedence is not specified, it will be set to 1000 as default.';
const DISTINGUISHER_DOC = '`distinguisherMethod` defines how to compute the flow distinguisher for requests that match this schema. `nil` specifies that the distinguisher is disabled and thus will always be the empty string.';
const TYPE_DOC = '`type` indicates whether this priority level is subject to limitation on request execution.  A value of `"Exempt"` means that requests of this priority level are not subject to a limit (and thus are never queued) and do not detract from the capacity made available to other priority levels.  A value of `"Limited"` means that (a) requests of this priority level _are_ subject to limits and (b) some of the server\'s limited capacity is made available exclusively to this priority level. Required.';
const NCS_DOC = '`nominalConcurrencyShares` (NCS) contributes to the computation of the NominalConcurrencyLimit (NominalCL) of this level. This is the number of execution seats available at this priority level. This is used both for requests dispatched from this priority level as well as requests dispatched from other priority levels borrowing seats from this level. The server\'s concurrency limit (ServerCL) is divided among the Limited priority levels in proportion to their NCS values:\n\nNominalCL(i)  = ceil( ServerCL * NCS(i) / sum_ncs ) sum_ncs = sum[priority level k] NCS(k)\n\nBigger numbers mean a larger nominal concurrency limit, at the expense of every other priority level.\n\nIf not specified, this field defaults to a value of 30.\n\nSetting this field to zero supports construction of a "jail" for this priority level that is used to hold some request(s)';
const QUEUES_DOC = '`queues` is the number of queues for this priority level. The queues exist independently at each apiserver. The value must be positive.  Setting it to 1 effectively precludes shufflesharding and thus makes the distinguisher method of associated flow schemas irrelevant.  This field has a default value of 64.';
const HAND_DOC = '`handSize` is a small positive number that configures the shuffle sharding of requests into queues.  When enqueuing a request at this priority level the request\'s flow identifier (a string pair) is hashed and the hash value is used to shuffle the list of queues and deal a hand of the size specified here.  The request is put into one of the shortest queues in that hand. `handSize` must be no larger than `queues`, and should be significantly smaller (so that a few heavy flows do not saturate most of the queues).  See the user-facing documentation for more extensive guidance on setting this field.  This field has a default value of 8.';
const QLL_DOC = '`queueLengthLimit` is the maximum number of requests allowed to be waiting in a given queue of this priority level at a time; excess requests are rejected.  This value must be positive.  If not specified, it will be defaulted to 50.';

/** v1 defaulting (SetDefaults_FlowSchemaSpec). */
function defaultFlowSchema(o: KubeObject): void {
  const spec = child(o, 'spec');
  if (!spec['matchingPrecedence']) spec['matchingPrecedence'] = 1000;
}

/** v1 defaulting: Limited shares 30, lendablePercent 0, queuing 64 / 8 / 50; Exempt shares and lendablePercent 0. */
function defaultPriorityLevel(o: KubeObject): void {
  const spec = child(o, 'spec');
  if (isObj(spec['exempt'])) {
    setDefault(spec['exempt'], 'nominalConcurrencyShares', 0);
    setDefault(spec['exempt'], 'lendablePercent', 0);
  }
  const limited = spec['limited'];
  if (!isObj(limited)) return;
  setDefault(limited, 'nominalConcurrencyShares', 30);
  setDefault(limited, 'lendablePercent', 0);
  const lr = limited['limitResponse'];
  if (!isObj(lr) || lr['type'] !== 'Queue') return;
  const q = child(lr, 'queuing');
  for (const [k, v] of [['queues', 64], ['handSize', 8], ['queueLengthLimit', 50]] as const) if (!q[k]) q[k] = v;
}

/** MissingPL: the Dangling condition's status, '?' before the apiserver has looked. */
function missingPL(o: KubeObject): string {
  for (const c of objs(obj(o.status)['conditions'])) if (c['type'] === 'Dangling') return str(c['status']);
  return '?';
}

export const flowSchemas: ResourceType = {
  group: FLOWCONTROL_GROUP, version: 'v1', kind: 'FlowSchema', resource: 'flowschemas', singular: 'flowschema',
  namespaced: false, nameRule: 'path',
  subresources: { status: true },
  columns: [
    nameColumn(),
    col('PriorityLevel', 'string', PL_NAME_DOC),
    col('MatchingPrecedence', 'string', PRECEDENCE_DOC),
    col('DistinguisherMethod', 'string', DISTINGUISHER_DOC),
    ageColumn(),
    col('MissingPL', 'string', 'indicates if the PL is missing'),
  ],
  row(o, now) {
    const spec = specOf(o);
    const dm = obj(spec['distinguisherMethod']);
    return [
      o.metadata.name ?? '', str(obj(spec['priorityLevelConfiguration'])['name']), spec['matchingPrecedence'] ?? 0,
      isObj(spec['distinguisherMethod']) ? str(dm['type']) : '*', age(o, now), missingPL(o),
    ];
  },
  defaults: defaultFlowSchema,
  ...statusStrategy,
  ...validation(`${FLOWCONTROL_GROUP}/FlowSchema`),
};

export const priorityLevelConfigurations: ResourceType = {
  group: FLOWCONTROL_GROUP, version: 'v1', kind: 'PriorityLevelConfiguration', resource: 'prioritylevelconfigurations',
  singular: 'prioritylevelconfiguration', namespaced: false, nameRule: 'path',
  subresources: { status: true },
  columns: [
    nameColumn(),
    col('Type', 'string', TYPE_DOC),
    col('NominalConcurrencyShares', 'string', NCS_DOC),
    col('Queues', 'string', QUEUES_DOC),
    col('HandSize', 'string', HAND_DOC),
    col('QueueLengthLimit', 'string', QLL_DOC),
    ageColumn(),
  ],
  row(o, now) {
    const spec = specOf(o);
    const none = '<none>';
    let cells: unknown[] = [none, none, none, none];
    const limited = spec['limited'];
    if (isObj(limited)) {
      const queuing = obj(limited['limitResponse'])['queuing'];
      const q = obj(queuing);
      cells = [limited['nominalConcurrencyShares'] ?? 0, ...(isObj(queuing) ? [q['queues'], q['handSize'], q['queueLengthLimit']] : [none, none, none])];
    }
    return [o.metadata.name ?? '', str(spec['type']), ...cells, age(o, now)];
  },
  defaults: defaultPriorityLevel,
  ...statusStrategy,
  ...validation(`${FLOWCONTROL_GROUP}/PriorityLevelConfiguration`),
};

/** In discovery order (alphabetical by resource, as upstream lists them). */
export function flowcontrolTypes(): ResourceType[] {
  return [flowSchemas, priorityLevelConfigurations];
}
