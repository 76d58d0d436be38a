// resource.Quantity: fixed-point numbers with SI, binary-SI or decimal-exponent suffixes
// (apimachinery pkg/api/resource). Values are exact: an integer mantissa times a power of ten,
// kept at nano (1e-9) precision at most, as upstream rounds anything finer up.

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  /** The value is mantissa × 10^exponent. */
  readonly mantissa: bigint;
  readonly exponent: number;
  /** The suffix family the quantity was written in; canonical output keeps it. */
  readonly format: QuantityFormat;
}

export const QUANTITY_FORMAT_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

export class QuantityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QuantityError';
  }
}

const DECIMAL_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const NANO = -9;

const NUMBER_PART = /^([+-]?)(\d*)(?:\.(\d*))?/;

/**
 * Quantities parsed before, by their text: the same few ('100m', '64Mi') recur in every pod and
 * are read by validation, defaulting, QoS, quota and limit ranges. Quantities are immutable.
 */
const parsed = new Map<string, Quantity>();
const PARSED_MAX = 4096;

/** Parses a quantity string ('100m', '1.5Gi', '1e3', '-2') or a JSON number. Throws QuantityError. */
export function parseQuantity(input: string | number): Quantity {
  if (typeof input === 'number') return parseText(numberToString(input));
  let q = parsed.get(input);
  if (q === undefined) {
    q = Object.freeze(parseText(input));
    if (parsed.size >= PARSED_MAX) parsed.clear();
    parsed.set(input, q);
  }
  return q;
}

function parseText(s: string): Quantity {
  if (s.length === 0) throw new QuantityError(QUANTITY_FORMAT_ERROR);
  const m = NUMBER_PART.exec(s);
  if (!m) throw new QuantityError(QUANTITY_FORMAT_ERROR);
  const [whole, sign = '', intDigits = '', fracDigits = ''] = m;
  if (intDigits.length === 0 && fracDigits.length === 0) throw new QuantityError(QUANTITY_FORMAT_ERROR);
  const suffix = s.slice(whole.length);
  let mantissa = BigInt((intDigits + fracDigits) || '0');
  let exponent = -fracDigits.length;
  let format: QuantityFormat;
  const bin = BINARY_SUFFIXES[suffix];
  const dec = DECIMAL_SUFFIXES[suffix];
  if (bin !== undefined) {
    format = 'BinarySI';
    mantissa *= 1n << BigInt(bin);
  } else if (dec !== undefined) {
    format = 'DecimalSI';
    exponent += dec;
  } else if (/^[eE][+-]?\d+$/.test(suffix)) {
    format = 'DecimalExponent';
    const e = Number(suffix.slice(1));
    if (!Number.isSafeInteger(e) || Math.abs(e) > 1000) throw new QuantityError("unable to parse quantity's suffix");
    exponent += e;
  } else if (/^[eEinumkKMGTP]*[-+]?[0-9]*$/.test(suffix)) {
    throw new QuantityError("unable to parse quantity's suffix");
  } else {
    throw new QuantityError(QUANTITY_FORMAT_ERROR);
  }
  if (sign === '-') mantissa = -mantissa;
  return normalize({ mantissa, exponent, format });
}

function numberToString(n: number): string {
  if (!Number.isFinite(n)) throw new QuantityError(QUANTITY_FORMAT_ERROR);
  // Exponent notation from JS ('1e+21') is a valid decimal-exponent quantity once '+' is kept.
  return String(n);
}

/** True when s parses as a quantity. */
export function isQuantity(s: unknown): boolean {
  if (typeof s !== 'string' && typeof s !== 'number') return false;
  try {
    parseQuantity(s);
    return true;
  } catch {
    return false;
  }
}

/** Rounds finer-than-nano precision up (away from zero) and strips trailing zeros. */
function normalize(q: Quantity): Quantity {
  let { mantissa, exponent } = q;
  if (mantissa === 0n) return { mantissa: 0n, exponent: 0, format: q.format };
  if (exponent < NANO) {
    const div = 10n ** BigInt(NANO - exponent);
    mantissa = divAwayFromZero(mantissa, div);
    exponent = NANO;
  }
  while (mantissa !== 0n && mantissa % 10n === 0n) {
    mantissa /= 10n;
    exponent += 1;
  }
  return { mantissa, exponent, format: q.format };
}

function divAwayFromZero(a: bigint, b: bigint): bigint {
  const q = a / b;
  if (a % b === 0n) return q;
  return a < 0n ? q - 1n : q + 1n;
}

/** The value scaled by 10^-scale, rounded away from zero to an integer. */
function scaledValue(q: Quantity, scale: number): bigint {
  const e = q.exponent - scale;
  if (e >= 0) return q.mantissa * 10n ** BigInt(e);
  return divAwayFromZero(q.mantissa, 10n ** BigInt(-e));
}

/** Integer value, rounded up away from zero (upstream Quantity.Value). */
export function value(q: Quantity): bigint {
  return scaledValue(q, 0);
}

/** Value × 1000, rounded up away from zero (upstream Quantity.MilliValue). */
export function milliValue(q: Quantity): bigint {
  return scaledValue(q, -3);
}

/** -1, 0 or 1. */
export function compareQuantity(a: Quantity, b: Quantity): -1 | 0 | 1 {
  const e = Math.min(a.exponent, b.exponent);
  const x = a.mantissa * 10n ** BigInt(a.exponent - e);
  const y = b.mantissa * 10n ** BigInt(b.exponent - e);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Sum; the format is the first operand's (as upstream's Add keeps the receiver's). */
export function addQuantities(a: Quantity, b: Quantity): Quantity {
  const e = Math.min(a.exponent, b.exponent);
  const sum = a.mantissa * 10n ** BigInt(a.exponent - e) + b.mantissa * 10n ** BigInt(b.exponent - e);
  return normalize({ mantissa: sum, exponent: e, format: a.format });
}

export function subtractQuantities(a: Quantity, b: Quantity): Quantity {
  return addQuantities(a, { ...b, mantissa: -b.mantissa });
}

export function isZeroQuantity(q: Quantity): boolean {
  return q.mantissa === 0n;
}

export function quantitySign(q: Quantity): -1 | 0 | 1 {
  return q.mantissa < 0n ? -1 : q.mantissa > 0n ? 1 : 0;
}

/** A quantity from an integer count in the given format (e.g. bytes as BinarySI). */
export function quantityFromInt(n: bigint | number, format: QuantityFormat = 'DecimalSI'): Quantity {
  return normalize({ mantissa: BigInt(n), exponent: 0, format });
}

/** A quantity from a milli count (e.g. millicores). */
export function quantityFromMilli(n: bigint | number, format: QuantityFormat = 'DecimalSI'): Quantity {
  return normalize({ mantissa: BigInt(n), exponent: -3, format });
}

const DECIMAL_BY_EXPONENT = new Map(Object.entries(DECIMAL_SUFFIXES).map(([k, v]) => [v, k]));
const BINARY_BY_EXPONENT = new Map(Object.entries(BINARY_SUFFIXES).map(([k, v]) => [v, k]));

/** The canonical string, as upstream's Quantity.String(): '1000m'→'1', '1.5Gi'→'1536Mi', '0.1'→'100m'. */
export function canonicalize(q: Quantity): string {
  if (q.mantissa === 0n) return '0';
  let format = q.format;
  if (format === 'BinarySI') {
    const small = compareQuantity(q, quantityFromInt(-1024)) > 0 && compareQuantity(q, quantityFromInt(1024)) < 0;
    // Fractions and values under 1Ki render in DecimalSI so no precision is lost.
    if (small || q.exponent < 0) format = 'DecimalSI';
  }
  if (format === 'BinarySI') {
    let n = value(q);
    let exp = 0;
    while (exp < 60 && n % 1024n === 0n) {
      n /= 1024n;
      exp += 10;
    }
    return `${n}${BINARY_BY_EXPONENT.get(exp) ?? ''}`;
  }
  let mantissa = q.mantissa;
  let exponent = q.exponent;
  while (exponent % 3 !== 0) {
    mantissa *= 10n;
    exponent -= 1;
  }
  if (format === 'DecimalSI') {
    const suffix = DECIMAL_BY_EXPONENT.get(exponent);
    if (suffix !== undefined) return `${mantissa}${suffix}`;
  }
  return exponent === 0 ? `${mantissa}` : `${mantissa}e${exponent}`;
}

/** Parses and re-renders canonically; throws QuantityError on bad input. */
export function canonicalQuantityString(s: string | number): string {
  return canonicalize(parseQuantity(s));
}
