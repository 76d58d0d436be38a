// events.k8s.io/v1 Event, stored as core/v1 events.

import type { ResourceType } from '../registry.ts';
import { get, str } from './access.ts';
import { eventColumns, eventRow } from './core/events.ts';
import { coreToEventsV1, eventsV1ToCore } from './event-convert.ts';
import { validation, validatorFor } from './wiring.ts';

// Upstream validates events.k8s.io events in their core form; a dedicated validator wins if present.
const coreValidation = validation('/Event', eventsV1ToCore);
const ownValidation = validation('events.k8s.io/Event');

export const eventsV1: ResourceType = {
  group: 'events.k8s.io', version: 'v1', kind: 'Event', resource: 'events', singular: 'event', namespaced: true,
  shortNames: ['ev'],
  storage: { group: '', version: 'v1', resource: 'events', toStorage: eventsV1ToCore, fromStorage: coreToEventsV1 },
  columns: eventColumns,
  row: (o, now) => eventRow(eventsV1ToCore(o), now),
  fieldSelectors: {
    'regarding.kind': (o) => str(get(o, 'regarding.kind')),
    'regarding.namespace': (o) => str(get(o, 'regarding.namespace')),
    'regarding.name': (o) => str(get(o, 'regarding.name')),
    'regarding.uid': (o) => str(get(o, 'regarding.uid')),
    'regarding.apiVersion': (o) => str(get(o, 'regarding.apiVersion')),
    'regarding.resourceVersion': (o) => str(get(o, 'regarding.resourceVersion')),
    'regarding.fieldPath': (o) => str(get(o, 'regarding.fieldPath')),
    reason: (o) => str(o.reason),
    reportingController: (o) => str(o.reportingController),
    type: (o) => str(o.type),
  },
  validate: (o) => (validatorFor('events.k8s.io/Event') ? ownValidation : coreValidation).validate?.(o) ?? [],
  validateUpdate: (o, old) => (validatorFor('events.k8s.io/Event') ? ownValidation : coreValidation).validateUpdate?.(o, old) ?? [],
  allowCreateOnUpdate: true,
  tracksGeneration: false,
};
