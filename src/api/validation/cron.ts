// Standard cron schedules as CronJob accepts them (robfig/cron ParseStandard): five fields,
// descriptors (@hourly, @every 1h, ...), an optional CRON_TZ= or TZ= prefix. Returns an error
// message or undefined.

interface Bounds { min: number; max: number; names?: Record<string, number> }

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const DAYS: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const FIELDS: Bounds[] = [
  { min: 0, max: 59 }, { min: 0, max: 23 }, { min: 1, max: 31 }, { min: 1, max: 12, names: MONTHS }, { min: 0, max: 6, names: DAYS },
];
const DESCRIPTORS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];

function parseIntStrict(s: string): number | undefined {
  return /^[0-9]+$/.test(s) ? Number(s) : undefined;
}

function valueOf(s: string, b: Bounds): number | string {
  const named = b.names?.[s.toLowerCase()];
  if (named !== undefined) return named;
  const n = parseIntStrict(s);
  return n === undefined ? `failed to parse int from ${s}: strconv.Atoi: parsing "${s}": invalid syntax` : n;
}

function checkRange(expr: string, b: Bounds): string | undefined {
  const slash = expr.split('/');
  if (slash.length > 2) return `too many slashes: ${expr}`;
  const [rangePart = '', stepPart] = slash;
  const dash = rangePart.split('-');
  if (dash.length > 2) return `too many hyphens: ${expr}`;
  let start: number;
  let end: number;
  if (rangePart === '*' || rangePart === '?') {
    start = b.min;
    end = b.max;
  } else {
    const s = valueOf(dash[0] ?? '', b);
    if (typeof s === 'string') return s;
    start = s;
    end = s;
    if (dash.length === 2) {
      const e = valueOf(dash[1] ?? '', b);
      if (typeof e === 'string') return e;
      end = e;
    }
  }
  if (stepPart !== undefined) {
    const step = parseIntStrict(stepPart);
    if (step === undefined) return `failed to parse int from ${stepPart}: strconv.Atoi: parsing "${stepPart}": invalid syntax`;
    if (step <= 0) return `step of range should be a positive number: ${expr}`;
    if (dash.length === 1 && rangePart !== '*' && rangePart !== '?') end = b.max;
  }
  if (start < b.min) return `beginning of range (${start}) below minimum (${b.min}): ${expr}`;
  if (end > b.max) return `end of range (${end}) above maximum (${b.max}): ${expr}`;
  if (start > end) return `beginning of range (${start}) beyond end of range (${end}): ${expr}`;
  return undefined;
}

function validTimeZone(tz: string): boolean {
  if (tz === 'Local' || tz === 'UTC') return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export function cronScheduleError(spec: string): string | undefined {
  let s = spec.trim();
  if (s.length === 0) return 'empty spec string';
  if (s.startsWith('TZ=') || s.startsWith('CRON_TZ=')) {
    const i = s.indexOf(' ');
    const tz = s.slice(s.indexOf('=') + 1, i < 0 ? undefined : i);
    if (!validTimeZone(tz)) return `provided bad location ${tz}: unknown time zone ${tz}`;
    s = i < 0 ? '' : s.slice(i).trim();
  }
  if (s.startsWith('@')) {
    if (DESCRIPTORS.includes(s)) return undefined;
    if (s.startsWith('@every ')) {
      const d = s.slice('@every '.length).trim();
      return /^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/.test(d) ? undefined : `failed to parse duration ${s}: time: invalid duration "${d}"`;
    }
    return `unrecognized descriptor: ${s}`;
  }
  const fields = s.split(/\s+/).filter((f) => f.length > 0);
  if (fields.length !== 5) return `expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`;
  for (let i = 0; i < 5; i++) {
    const b = FIELDS[i];
    if (!b) continue;
    for (const expr of (fields[i] ?? '').split(',')) {
      const err = checkRange(expr, b);
      if (err) return err;
    }
  }
  return undefined;
}

export function isKnownTimeZone(tz: string): boolean {
  return tz !== 'Local' && validTimeZone(tz);
}
