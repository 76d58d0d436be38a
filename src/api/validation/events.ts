// core/v1 Event and events.k8s.io/v1 Event (pkg/apis/core/validation/events.go).

import { field } from '../errors.ts';
import type { FieldError } from '../errors.ts';
import type { KubeObject } from '../types.ts';
import { nameErrors, obj, str } from './common.ts';
import { validateImmutableField } from './meta.ts';
import { isDNS1123Subdomain, isQualifiedName } from './names.ts';

const REPORTING_INSTANCE_MAX = 128;
const ACTION_MAX = 128;
const REASON_MAX = 128;
const NOTE_MAX = 1024;

interface EventView { namespace: string; regardingNamespace: string; eventTime?: string; reportingController: string; reportingInstance: string; action: string; reason: string; note: string; type?: string; regardingPath: string; notePath: string }

function common(v: EventView): FieldError[] {
  const errs: FieldError[] = [];
  if (!v.eventTime) {
    // Old-style events: the involved object's namespace must agree with the event's.
    if (!v.regardingNamespace) {
      if (v.namespace !== '' && v.namespace !== 'default') errs.push(field.invalid(`${v.regardingPath}.namespace`, v.regardingNamespace, 'does not match event.namespace'));
    } else if (v.namespace !== v.regardingNamespace) {
      errs.push(field.invalid(`${v.regardingPath}.namespace`, v.regardingNamespace, 'does not match event.namespace'));
    }
  } else {
    if (!v.regardingNamespace && v.namespace !== 'default' && v.namespace !== 'kube-system') {
      errs.push(field.invalid(`${v.regardingPath}.namespace`, v.regardingNamespace, 'does not match event.namespace'));
    }
    if (!v.reportingController) errs.push(field.required('reportingController', ''));
    errs.push(...nameErrors(isQualifiedName, v.reportingController, 'reportingController'));
    if (!v.reportingInstance) errs.push(field.required('reportingInstance', ''));
    if (v.reportingInstance.length > REPORTING_INSTANCE_MAX) errs.push(field.tooLong('reportingInstance', REPORTING_INSTANCE_MAX));
    if (!v.action) errs.push(field.required('action', ''));
    if (v.action.length > ACTION_MAX) errs.push(field.tooLong('action', ACTION_MAX));
    if (!v.reason) errs.push(field.required('reason', ''));
    if (v.reason.length > REASON_MAX) errs.push(field.tooLong('reason', REASON_MAX));
    if (v.note.length > NOTE_MAX) errs.push(field.tooLong(v.notePath, NOTE_MAX));
    if (v.type !== 'Normal' && v.type !== 'Warning') errs.push(field.invalid('type', '', `has invalid value: ${v.type ?? ''}`));
  }
  if (v.namespace) errs.push(...nameErrors(isDNS1123Subdomain, v.namespace, 'namespace'));
  return errs;
}

const s = (o: KubeObject, k: string): string => (typeof o[k] === 'string' ? o[k] : '');

function coreView(e: KubeObject): EventView {
  return {
    namespace: e.metadata.namespace ?? '', regardingNamespace: str(obj(e, 'involvedObject'), 'namespace') ?? '',
    eventTime: s(e, 'eventTime') || undefined, reportingController: s(e, 'reportingComponent'), reportingInstance: s(e, 'reportingInstance'),
    action: s(e, 'action'), reason: s(e, 'reason'), note: s(e, 'message'), type: s(e, 'type') || undefined,
    regardingPath: 'involvedObject', notePath: 'message',
  };
}

function eventsView(e: KubeObject): EventView {
  return {
    namespace: e.metadata.namespace ?? '', regardingNamespace: str(obj(e, 'regarding'), 'namespace') ?? '',
    eventTime: s(e, 'eventTime') || undefined, reportingController: s(e, 'reportingController'), reportingInstance: s(e, 'reportingInstance'),
    action: s(e, 'action'), reason: s(e, 'reason'), note: s(e, 'note'), type: s(e, 'type') || undefined,
    regardingPath: 'regarding', notePath: 'note',
  };
}

/** core/v1 Event (kubectl and client-go's legacy recorder write these). */
export function validateCoreEvent(e: KubeObject): FieldError[] {
  return common(coreView(e));
}

export function validateEventsEvent(e: KubeObject): FieldError[] {
  const errs = common(eventsView(e));
  if (!s(e, 'eventTime')) errs.push(field.required('eventTime', ''));
  return errs;
}

/** New-style events (with eventTime) are immutable apart from series and the deprecated counters. */
function immutableAfterCreate(e: KubeObject, old: KubeObject, keys: string[]): FieldError[] {
  if (!s(old, 'eventTime')) return [];
  return keys.flatMap((k) => validateImmutableField(e[k], old[k], k));
}

export function validateCoreEventUpdate(e: KubeObject, old: KubeObject): FieldError[] {
  return [...validateCoreEvent(e), ...immutableAfterCreate(e, old, ['involvedObject', 'reason', 'message', 'source', 'firstTimestamp', 'type', 'eventTime', 'action', 'related', 'reportingComponent', 'reportingInstance'])];
}

export function validateEventsEventUpdate(e: KubeObject, old: KubeObject): FieldError[] {
  return [...validateEventsEvent(e), ...immutableAfterCreate(e, old, ['regarding', 'reason', 'note', 'type', 'eventTime', 'action', 'related', 'reportingController', 'reportingInstance'])];
}
