// batch/v1 Job and CronJob (pkg/apis/batch/validation).

import { field } from '../errors.ts';
import type { FieldError } from '../errors.ts';
import type { KubeObject } from '../types.ts';
import { enumField, has, inRange, nonNegative, num, obj, str, strMap, validateLabelSelector } from './common.ts';
import type { Obj } from './common.ts';
import { cronScheduleError, isKnownTimeZone } from './cron.ts';
import { deepEqual, validateAnnotations, validateImmutableField, validateLabels } from './meta.ts';
import { validatePodTemplateSpec } from './pod-spec.ts';
import { templateMatchesSelector } from './workloads.ts';

function validateJobSpecFields(spec: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const k of ['parallelism', 'completions', 'backoffLimit', 'ttlSecondsAfterFinished']) errs.push(...nonNegative(num(spec, k), `${path}.${k}`));
  const ads = num(spec, 'activeDeadlineSeconds');
  if (ads !== undefined && ads <= 0) errs.push(field.invalid(`${path}.activeDeadlineSeconds`, ads, 'must be greater than 0'));
  const mode = str(spec, 'completionMode');
  errs.push(...enumField(mode, ['NonIndexed', 'Indexed'], `${path}.completionMode`));
  if (mode === 'Indexed') {
    if (num(spec, 'completions') === undefined) errs.push(field.required(`${path}.completions`, 'when completion mode is Indexed'));
    errs.push(...inRange(num(spec, 'parallelism'), 0, 100000, `${path}.parallelism`));
  }
  errs.push(...enumField(str(spec, 'podReplacementPolicy'), ['TerminatingOrFailed', 'Failed'], `${path}.podReplacementPolicy`));
  const tmpl = spec['template'];
  errs.push(...validatePodTemplateSpec(tmpl, `${path}.template`));
  const rp = str(obj(tmpl, 'spec'), 'restartPolicy');
  if (rp !== 'OnFailure' && rp !== 'Never') errs.push(field.notSupported(`${path}.template.spec.restartPolicy`, rp ?? '', ['OnFailure', 'Never']));
  return errs;
}

export function validateJob(job: KubeObject): FieldError[] {
  const spec = obj(job, 'spec');
  const errs = validateJobSpecFields(spec, 'spec');
  if (!has(spec, 'selector')) errs.push(field.required('spec.selector', ''));
  else {
    errs.push(...validateLabelSelector(spec['selector'], 'spec.selector'));
    errs.push(...templateMatchesSelector(spec['selector'], spec['template'], 'spec.template'));
  }
  return errs;
}

export function validateJobUpdate(job: KubeObject, old: KubeObject): FieldError[] {
  const errs = validateJob(job);
  const spec = obj(job, 'spec');
  const oldSpec = obj(old, 'spec');
  errs.push(...validateImmutableField(spec['selector'], oldSpec['selector'], 'spec.selector'));
  errs.push(...validateImmutableField(spec['completionMode'], oldSpec['completionMode'], 'spec.completionMode'));
  errs.push(...validateImmutableField(spec['podFailurePolicy'], oldSpec['podFailurePolicy'], 'spec.podFailurePolicy'));
  // Completions may change only for Indexed jobs that keep completions == parallelism.
  const elastic = str(spec, 'completionMode') === 'Indexed' && num(spec, 'completions') === num(spec, 'parallelism');
  if (!elastic) errs.push(...validateImmutableField(spec['completions'], oldSpec['completions'], 'spec.completions'));
  // A suspended job that never started may change its pod template's scheduling directives.
  const neverStarted = spec['suspend'] === true && !has(obj(old, 'status'), 'startTime');
  if (!deepEqual(spec['template'], oldSpec['template'])) {
    const strip = (t: unknown): unknown => {
      if (!neverStarted) return t;
      const c = structuredClone(t) as Obj;
      const s = obj(c, 'spec');
      for (const k of ['nodeSelector', 'affinity', 'tolerations', 'schedulingGates']) delete s[k];
      const m = obj(c, 'metadata');
      delete m['labels'];
      delete m['annotations'];
      return c;
    };
    if (!deepEqual(strip(spec['template']), strip(oldSpec['template']))) {
      errs.push(field.invalid('spec.template', spec['template'], 'field is immutable'));
    }
  }
  return errs;
}

export function validateJobStatus(job: KubeObject): FieldError[] {
  const status = obj(job, 'status');
  const errs: FieldError[] = [];
  for (const k of ['active', 'succeeded', 'failed', 'ready', 'terminating']) errs.push(...nonNegative(num(status, k), `status.${k}`));
  return errs;
}

export function validateCronJob(cj: KubeObject, oldSchedule?: string): FieldError[] {
  const spec = obj(cj, 'spec');
  const errs: FieldError[] = [];
  const schedule = str(spec, 'schedule') ?? '';
  const tz = str(spec, 'timeZone');
  if (!schedule) errs.push(field.required('spec.schedule', ''));
  else {
    const err = cronScheduleError(schedule);
    if (err) errs.push(field.invalid('spec.schedule', schedule, err));
    if (tz !== undefined && schedule.includes('TZ')) errs.push(field.invalid('spec.schedule', schedule, 'cannot use both timeZone field and TZ or CRON_TZ in schedule'));
    else if (schedule.includes('TZ') && !(oldSchedule ?? '').includes('TZ')) errs.push(field.invalid('spec.schedule', schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
  }
  if (tz !== undefined && !isKnownTimeZone(tz)) errs.push(field.invalid('spec.timeZone', tz, `unknown time zone ${tz}`));
  errs.push(...nonNegative(num(spec, 'startingDeadlineSeconds'), 'spec.startingDeadlineSeconds'));
  errs.push(...enumField(str(spec, 'concurrencyPolicy'), ['Allow', 'Forbid', 'Replace'], 'spec.concurrencyPolicy'));
  errs.push(...nonNegative(num(spec, 'successfulJobsHistoryLimit'), 'spec.successfulJobsHistoryLimit'));
  errs.push(...nonNegative(num(spec, 'failedJobsHistoryLimit'), 'spec.failedJobsHistoryLimit'));
  const jt = obj(spec, 'jobTemplate');
  const meta = obj(jt, 'metadata');
  errs.push(...validateLabels(strMap(meta, 'labels'), 'spec.jobTemplate.metadata.labels'));
  errs.push(...validateAnnotations(strMap(meta, 'annotations'), 'spec.jobTemplate.metadata.annotations'));
  const jobSpec = obj(jt, 'spec');
  errs.push(...validateJobSpecFields(jobSpec, 'spec.jobTemplate.spec'));
  if (jobSpec['manualSelector'] === true) errs.push(field.notSupported('spec.jobTemplate.spec.manualSelector', true, ['nil', 'false']));
  return errs;
}

export function validateCronJobUpdate(cj: KubeObject, old: KubeObject): FieldError[] {
  return validateCronJob(cj, str(obj(old, 'spec'), 'schedule'));
}

