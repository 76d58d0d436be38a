// The core (legacy) group, v1.

import type { ResourceType } from '../../registry.ts';
import { configMaps, secrets, serviceAccounts } from './config.ts';
import { podTemplates, replicationControllers } from './controllers.ts';
import { events } from './events.ts';
import { bindings, componentStatuses, endpoints } from './misc.ts';
import { namespaces, nodes } from './nodes.ts';
import { pods } from './pods.ts';
import { limitRanges, resourceQuotas } from './quota.ts';
import { services } from './services.ts';
import { persistentVolumeClaims, persistentVolumes } from './volumes.ts';

export function coreTypes(): ResourceType[] {
  return [
    bindings, componentStatuses, configMaps, endpoints, events, limitRanges, namespaces, nodes,
    persistentVolumeClaims, persistentVolumes, pods, podTemplates, replicationControllers, resourceQuotas,
    secrets, serviceAccounts, services,
  ];
}
