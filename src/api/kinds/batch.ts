// batch/v1 Job and CronJob (pkg/registry/batch/{job,cronjob}/strategy.go).

import type { ResourceType } from '../registry.ts';
import type { KubeObject } from '../types.ts';
import { child, get, isObj, num, obj, objs, setDefault, setDefaultString, str, strMap } from './access.ts';
import {
  age, ageColumn, col, containersColumn, formatLabelSelector, humanDuration, imagesColumn, int, layoutContainerCells,
  nameColumn, specOf, statusOf, translateTimestampSince,
} from './printers.ts';
import { clearStatus, statusStrategy } from './strategy.ts';
import { validation } from './wiring.ts';
import { defaultTemplate } from './core/pod-defaults.ts';

function conditionTrue(o: KubeObject, type: string): boolean {
  const c = objs(statusOf(o).conditions).find((x) => x.type === type);
  return c?.status === 'True';
}

export function jobStatus(o: KubeObject): string {
  if (conditionTrue(o, 'Complete')) return 'Complete';
  if (conditionTrue(o, 'Failed')) return 'Failed';
  if (o.metadata.deletionTimestamp) return 'Terminating';
  if (conditionTrue(o, 'Suspended')) return 'Suspended';
  if (conditionTrue(o, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

function jobRow(o: KubeObject, now: number): unknown[] {
  const spec = specOf(o);
  const status = statusOf(o);
  const succeeded = int(status.succeeded);
  const completions = num(spec.completions);
  const parallelism = num(spec.parallelism) ?? 0;
  const completionsCell = completions !== undefined
    ? `${succeeded}/${completions}`
    : parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
  let duration = '';
  const start = Date.parse(str(status.startTime));
  if (!Number.isNaN(start)) {
    const end = Date.parse(str(status.completionTime));
    duration = humanDuration((Number.isNaN(end) ? now : end) - start);
  }
  const [names, images] = layoutContainerCells(get(spec, 'template.spec.containers'));
  return [o.metadata.name ?? '', jobStatus(o), completionsCell, duration, age(o, now), names, images, formatLabelSelector(spec.selector)];
}

/**
 * Labels the pod template with the job's name and uid and selects on the uid, unless the user
 * manages the selector (upstream generateSelector; the uid is assigned before this runs).
 */
export function generateJobSelector(o: KubeObject): void {
  const spec = child(o, 'spec');
  const tplMeta = child(child(spec, 'template'), 'metadata');
  const labels = strMap(tplMeta.labels);
  const name = o.metadata.name ?? '';
  const uid = o.metadata.uid ?? '';
  for (const k of ['job-name', 'batch.kubernetes.io/job-name']) if (!(k in labels)) labels[k] = name;
  for (const k of ['controller-uid', 'batch.kubernetes.io/controller-uid']) if (!(k in labels)) labels[k] = uid;
  tplMeta.labels = labels;
  const selector = child(spec, 'selector');
  const matchLabels = strMap(selector.matchLabels);
  if (!('batch.kubernetes.io/controller-uid' in matchLabels)) matchLabels['batch.kubernetes.io/controller-uid'] = uid;
  selector.matchLabels = matchLabels;
}

export const jobs: ResourceType = {
  group: 'batch', version: 'v1', kind: 'Job', resource: 'jobs', singular: 'job', namespaced: true,
  categories: ['all'],
  subresources: { status: true },
  columns: [
    nameColumn(),
    col('Status', 'string', 'Status of the job.'),
    col('Completions', 'string', 'The number of pods which reached phase Succeeded.'),
    col('Duration', 'string', 'Time required to complete the job.'),
    ageColumn(),
    containersColumn(), imagesColumn(),
    col('Selector', 'string', 'A label query over pods that should match the pod count.', 1),
  ],
  row: jobRow,
  fieldSelectors: { 'status.successful': (o) => String(num(get(o, 'status.succeeded')) ?? 0) },
  defaults(o) {
    const spec = child(o, 'spec');
    if (spec.completions == null && spec.parallelism == null) {
      spec.completions = 1;
      spec.parallelism = 1;
    }
    setDefault(spec, 'parallelism', 1);
    setDefault(spec, 'backoffLimit', spec.backoffLimitPerIndex != null ? 2147483647 : 6);
    const tplLabels = strMap(get(spec, 'template.metadata.labels'));
    if (Object.keys(tplLabels).length > 0 && Object.keys(o.metadata.labels ?? {}).length === 0) o.metadata.labels = tplLabels;
    setDefaultString(spec, 'completionMode', 'NonIndexed');
    setDefault(spec, 'suspend', false);
    if (isObj(spec.podFailurePolicy)) {
      for (const rule of objs(spec.podFailurePolicy.rules)) for (const c of objs(rule.onPodConditions)) setDefaultString(c, 'status', 'True');
    }
    setDefaultString(spec, 'podReplacementPolicy', isObj(spec.podFailurePolicy) ? 'Failed' : 'TerminatingOrFailed');
    defaultTemplate(spec);
  },
  prepareForCreate(o) {
    clearStatus(o);
    if (get(o, 'spec.manualSelector') !== true) generateJobSelector(o);
    // Upstream re-defaults on read, so a job without labels shows its template's labels.
    if (Object.keys(o.metadata.labels ?? {}).length === 0) {
      const tplLabels = strMap(get(o, 'spec.template.metadata.labels'));
      if (Object.keys(tplLabels).length > 0) o.metadata.labels = tplLabels;
    }
  },
  prepareForUpdate: statusStrategy.prepareForUpdate,
  ...validation('batch/Job'),
};

function boolPtr(v: unknown): string {
  return typeof v === 'boolean' ? (v ? 'True' : 'False') : '<unset>';
}

export const cronJobs: ResourceType = {
  group: 'batch', version: 'v1', kind: 'CronJob', resource: 'cronjobs', singular: 'cronjob', namespaced: true,
  shortNames: ['cj'], categories: ['all'],
  subresources: { status: true },
  columns: [
    nameColumn(),
    col('Schedule', 'string', 'The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron.'),
    col('Timezone', 'string', 'The time zone name for the given schedule, see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones.'),
    col('Suspend', 'boolean', 'This flag tells the controller to suspend subsequent executions, it does not apply to already started executions.'),
    col('Active', 'integer', 'A list of pointers to currently running jobs.'),
    col('Last Schedule', 'string', 'Information when was the last time the job was successfully scheduled.'),
    ageColumn(),
    containersColumn(), imagesColumn(),
    col('Selector', 'string', 'A label query over pods that should match the pod count.', 1),
  ],
  row(o, now) {
    const spec = specOf(o);
    const status = statusOf(o);
    const jobSpec = obj(get(spec, 'jobTemplate.spec'));
    const [names, images] = layoutContainerCells(get(jobSpec, 'template.spec.containers'));
    const last = status.lastScheduleTime ? translateTimestampSince(status.lastScheduleTime, now) : '<none>';
    return [
      o.metadata.name ?? '', str(spec.schedule), str(spec.timeZone) || '<none>', boolPtr(spec.suspend),
      objs(status.active).length, last, age(o, now), names, images, formatLabelSelector(jobSpec.selector),
    ];
  },
  defaults(o) {
    const spec = child(o, 'spec');
    setDefaultString(spec, 'concurrencyPolicy', 'Allow');
    setDefault(spec, 'suspend', false);
    setDefault(spec, 'successfulJobsHistoryLimit', 3);
    setDefault(spec, 'failedJobsHistoryLimit', 1);
    const jobSpec = get(spec, 'jobTemplate.spec');
    if (isObj(jobSpec)) defaultTemplate(jobSpec);
  },
  ...statusStrategy,
  ...validation('batch/CronJob'),
};
