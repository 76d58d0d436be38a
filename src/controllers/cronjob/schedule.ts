// Cron schedules as the CronJob controller reads them (upstream uses robfig/cron's standard
// parser): five fields (minute hour day-of-month month day-of-week) with lists, ranges, steps,
// month and weekday names, `?`, the @yearly…@hourly descriptors, and CRON_TZ=/TZ= prefixes.
// Day-of-month and day-of-week: when both are restricted, either may match.

export interface Schedule {
  minute: Set<number>;
  hour: Set<number>;
  dom: Set<number>;
  month: Set<number>;
  dow: Set<number>;
  domStar: boolean;
  dowStar: boolean;
  /** An IANA zone from a CRON_TZ=/TZ= prefix. */
  timeZone?: string;
}

const Months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const Days = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const Descriptors: Record<string, string> = {
  '@yearly': '0 0 1 1 *', '@annually': '0 0 1 1 *', '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0', '@daily': '0 0 * * *', '@midnight': '0 0 * * *', '@hourly': '0 * * * *',
};

function value(s: string, names: string[] | undefined, offset: number): number {
  const i = names?.indexOf(s.toLowerCase()) ?? -1;
  if (i >= 0) return i + offset;
  if (!/^\d+$/.test(s)) throw new Error(`failed to parse int from ${s}`);
  return Number(s);
}

function field(text: string, min: number, max: number, names?: string[], nameOffset = 0): { set: Set<number>; star: boolean } {
  const set = new Set<number>();
  let star = false;
  for (const part of text.split(',')) {
    const [range = '', stepText] = part.split('/');
    let lo: number;
    let hi: number;
    let isStar = false;
    if (range === '*' || range === '?') { lo = min; hi = max; isStar = true; }
    else {
      const [a = '', b] = range.split('-');
      lo = value(a, names, nameOffset);
      hi = b === undefined ? (stepText === undefined ? lo : max) : value(b, names, nameOffset);
    }
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new Error(`invalid step in ${part}`);
    if (lo < min || hi > max || lo > hi) throw new Error(`${part} out of range [${min}, ${max}]`);
    if (isStar && step === 1) star = true;
    for (let v = lo; v <= hi; v += step) set.add(v);
  }
  return { set, star };
}

export function parseSchedule(spec: string): Schedule {
  let s = spec.trim();
  let timeZone: string | undefined;
  const tz = /^(?:CRON_TZ|TZ)=(\S+)\s+(.*)$/.exec(s);
  if (tz) {
    timeZone = tz[1];
    s = (tz[2] ?? '').trim();
    validTimeZone(timeZone ?? '');
  }
  if (s.startsWith('@')) {
    const d = Descriptors[s.toLowerCase()];
    if (!d) throw new Error(`unrecognized descriptor: ${s}`);
    s = d;
  }
  const f = s.split(/\s+/);
  if (f.length !== 5) throw new Error(`expected exactly 5 fields, found ${f.length}: ${spec}`);
  const dom = field(f[2] ?? '', 1, 31);
  const dow = field(f[4] ?? '', 0, 7, Days);
  if (dow.set.has(7)) { dow.set.delete(7); dow.set.add(0); }
  return {
    minute: field(f[0] ?? '', 0, 59).set, hour: field(f[1] ?? '', 0, 23).set, dom: dom.set,
    month: field(f[3] ?? '', 1, 12, Months, 1).set, dow: dow.set, domStar: dom.star, dowStar: dow.star, timeZone,
  };
}

export function validTimeZone(tz: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
  } catch {
    throw new Error(`unknown time zone ${tz}`);
  }
}

interface Wall { year: number; month: number; day: number; hour: number; minute: number; dow: number }

const formats = new Map<string, Intl.DateTimeFormat>();

function wall(ms: number, tz: string): Wall {
  let f = formats.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', weekday: 'short' });
    formats.set(tz, f);
  }
  const out: Record<string, string> = {};
  for (const p of f.formatToParts(ms)) out[p.type] = p.value;
  return {
    year: Number(out.year), month: Number(out.month), day: Number(out.day), hour: Number(out.hour) % 24, minute: Number(out.minute),
    dow: Days.indexOf((out.weekday ?? '').toLowerCase().slice(0, 3)),
  };
}

function dayMatches(s: Schedule, w: Wall): boolean {
  const d = s.dom.has(w.day);
  const wd = s.dow.has(w.dow);
  return s.domStar || s.dowStar ? d && wd : d || wd;
}

const Minute = 60_000;

/** The first activation strictly after `afterMs` in zone `tz` (default UTC), or undefined within five years. */
export function next(s: Schedule, afterMs: number, tz = 'UTC'): number | undefined {
  const zone = s.timeZone ?? tz;
  let t = Math.floor(afterMs / Minute) * Minute + Minute;
  const limit = afterMs + 5 * 366 * 24 * 60 * Minute;
  while (t <= limit) {
    const w = wall(t, zone);
    if (!s.month.has(w.month) || !dayMatches(s, w)) {
      // Skip to the next local midnight.
      t += ((23 - w.hour) * 60 + (60 - w.minute)) * Minute;
      continue;
    }
    if (!s.hour.has(w.hour)) { t += (60 - w.minute) * Minute; continue; }
    if (!s.minute.has(w.minute)) { t += Minute; continue; }
    return t;
  }
  return undefined;
}

/**
 * Upstream mostRecentScheduleTime: the latest activation in (earliest, now], and how many
 * activations were missed (counting stops past 100, upstream's "too many missed start times").
 */
export function mostRecent(s: Schedule, earliestMs: number, nowMs: number, tz?: string): { time?: number; missed: number; next?: number } {
  let time: number | undefined;
  let missed = 0;
  let t = next(s, earliestMs, tz);
  while (t !== undefined && t <= nowMs) {
    time = t;
    missed++;
    if (missed > 100) {
      // Jump near now: only the latest activation matters from here.
      const back = next(s, nowMs - 24 * 60 * Minute, tz);
      let u = back;
      while (u !== undefined && u <= nowMs) { time = u; u = next(s, u, tz); }
      return { time, missed, next: u };
    }
    t = next(s, t, tz);
  }
  return { time, missed, next: t };
}
