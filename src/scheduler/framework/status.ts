// Plugin results as upstream's framework.Status: a code and reasons instead of exceptions.

export const Code = {
  Success: 0,
  Error: 1,
  Unschedulable: 2,
  UnschedulableAndUnresolvable: 3,
  Wait: 4,
  Skip: 5,
  Pending: 6,
} as const;
export type Code = (typeof Code)[keyof typeof Code];

const CodeNames = ['Success', 'Error', 'Unschedulable', 'UnschedulableAndUnresolvable', 'Wait', 'Skip', 'Pending'];

export class Status {
  readonly code: Code;
  readonly reasons: readonly string[];
  /** The plugin that returned it (set by the framework). */
  plugin: string;
  readonly err: unknown;

  constructor(code: Code, reasons: readonly string[] = [], err?: unknown) {
    this.code = code;
    this.reasons = reasons;
    this.plugin = '';
    this.err = err;
  }

  static error(err: unknown): Status {
    const msg = err instanceof Error ? err.message : String(err);
    return new Status(Code.Error, [msg], err);
  }

  isSuccess(): boolean { return this.code === Code.Success; }
  isSkip(): boolean { return this.code === Code.Skip; }
  isWait(): boolean { return this.code === Code.Wait; }
  /** Unschedulable or UnschedulableAndUnresolvable (or Pending). */
  isRejected(): boolean {
    return this.code === Code.Unschedulable || this.code === Code.UnschedulableAndUnresolvable || this.code === Code.Pending;
  }
  message(): string { return this.reasons.join(', '); }
  codeName(): string { return CodeNames[this.code] ?? 'Unknown'; }
  withPlugin(name: string): this { this.plugin = name; return this; }
}

/** The shared success status; plugins may return undefined or this. */
export const Success = new Status(Code.Success);

export function unschedulable(...reasons: string[]): Status { return new Status(Code.Unschedulable, reasons); }
export function unresolvable(...reasons: string[]): Status { return new Status(Code.UnschedulableAndUnresolvable, reasons); }
export function skip(): Status { return new Status(Code.Skip); }

/** Plugins return undefined for success to keep the per-node path allocation-free. */
export type MaybeStatus = Status | undefined;

export function isSuccess(s: MaybeStatus): boolean { return s === undefined || s.code === Code.Success; }
