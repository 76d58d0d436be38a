// One object as the watch cache holds it: the JSON it is served as (resourceVersion included),
// the attributes selectors look at (upstream's storeElement labels and fields), and a parsed
// form only on demand. Keeping objects serialized makes the cache several times smaller than
// parsed objects, cheap for the garbage collector to trace, and lets LIST, GET and WATCH send
// the text as it is instead of serializing every object per request.

import type { KubeObject } from '../../api/types.ts';
import { inflate } from './packing.ts';
import type { Dictionary, Packable, Packer } from './packing.ts';

/** What label and field selectors are evaluated against. */
export interface ObjectAttrs {
  labels: Readonly<Record<string, string>> | undefined;
  /** The kind's selectable fields (metadata.name and metadata.namespace are on the object). */
  fields: Readonly<Record<string, string>> | undefined;
}

/** Computes an object's selectable fields (the kind's fieldSelectors), undefined for kinds without. */
export type FieldsOf = (obj: KubeObject) => Record<string, string> | undefined;

/** Keeps recently used parsed objects alive, so hot objects are not parsed on every read. */
export interface ParsedMemo { touch(entry: CachedObject): void }

const RV_KEY = '"resourceVersion":"';

/** Objects smaller than this stay as text (deflating them saves too little). */
const MIN_PACKED = 256;

export class CachedObject implements Packable {
  readonly namespace: string;
  readonly name: string;
  readonly rv: number;
  readonly attrs: ObjectAttrs;
  /** The served JSON, or undefined while packed (deflated against dict). */
  private text: string | undefined;
  private packed: string | undefined;
  private dict: Dictionary | undefined;
  /** Offset of the resourceVersion digits in json, or -1 when json was written another way. */
  private readonly rvAt: number;
  private readonly memo: ParsedMemo | undefined;
  private parsed: KubeObject | undefined;

  constructor(namespace: string, name: string, rv: number, json: string, rvAt: number, attrs: ObjectAttrs, memo: ParsedMemo | undefined) {
    this.namespace = namespace;
    this.name = name;
    this.rv = rv;
    this.text = json;
    this.rvAt = rvAt;
    this.attrs = attrs;
    this.memo = memo;
  }

  /** The served JSON of the object (storage version), resourceVersion included. */
  get json(): string {
    return this.text ?? inflate(this.packed as string, this.dict as Dictionary);
  }

  /** Bytes of text held unpacked (0 once packed). */
  get textBytes(): number { return this.text?.length ?? 0; }

  /** Whether the text is held deflated. */
  get isPacked(): boolean { return this.text === undefined; }

  pack(packer: Packer): void {
    const text = this.text;
    if (text === undefined || text.length < MIN_PACKED) return;
    const { packed, dict } = packer.deflate(text);
    if (packed.length > text.length * 0.8) return;
    this.packed = packed;
    this.dict = dict;
    this.text = undefined;
  }

  /** The object, parsed and frozen (shallowly: callers copy before changing anything). */
  get obj(): KubeObject {
    let o = this.parsed;
    if (o === undefined) {
      o = Object.freeze(JSON.parse(this.json) as KubeObject);
      this.parsed = o;
      this.memo?.touch(this);
    }
    return o;
  }

  /** The object parsed, without keeping the parsed form beyond the caller's use (for scans). */
  read(): KubeObject {
    return this.parsed ?? (JSON.parse(this.json) as KubeObject);
  }

  /** A newly parsed copy the caller may change. */
  fresh(): KubeObject { return JSON.parse(this.json) as KubeObject; }

  /** Whether a parsed form is held. */
  get isParsed(): boolean { return this.parsed !== undefined; }

  /** Drops the parsed form (the memo evicts it). */
  forgetParsed(): void { this.parsed = undefined; }

  /** The same object at another resourceVersion (a DELETED event carries the deletion revision). */
  atRevision(rv: number): CachedObject {
    const rvs = String(rv);
    if (this.rvAt >= 0) {
      const text = this.json;
      const end = text.indexOf('"', this.rvAt);
      const json = text.slice(0, this.rvAt) + rvs + text.slice(end);
      return new CachedObject(this.namespace, this.name, rv, json, this.rvAt, this.attrs, this.memo);
    }
    const o = this.obj;
    const json = JSON.stringify({ ...o, metadata: { ...o.metadata, resourceVersion: rvs } });
    return new CachedObject(this.namespace, this.name, rv, json, -1, this.attrs, this.memo);
  }
}

/**
 * The served JSON from a stored value (JSON without resourceVersion): when the value starts with
 * apiVersion, kind and metadata, as our codec writes it, the resourceVersion is spliced into the
 * text; otherwise the object is parsed and written again. Returns the text and the offset of the
 * resourceVersion digits (-1 when spliced in by re-serializing).
 */
export function servedJSON(stored: string, rv: number): { json: string; rvAt: number } {
  const at = metadataBodyOffset(stored);
  const rvs = String(rv);
  if (at < 0) {
    const obj = JSON.parse(stored) as KubeObject;
    obj.metadata = { ...obj.metadata, resourceVersion: rvs };
    return { json: JSON.stringify(obj), rvAt: -1 };
  }
  const sep = stored.charCodeAt(at) === 0x7d /* } */ ? '' : ',';
  return { json: `${stored.slice(0, at)}${RV_KEY}${rvs}"${sep}${stored.slice(at)}`, rvAt: at + RV_KEY.length };
}

const HEAD = /^\{"apiVersion":"[^"\\]*","kind":"[^"\\]*","metadata":\{/;

/** Offset just inside the top-level metadata object of JSON our codec wrote, or -1. */
function metadataBodyOffset(stored: string): number {
  // apiVersion and kind are short: the head is within the first few hundred characters.
  const m = HEAD.exec(stored.length > 512 ? stored.slice(0, 512) : stored);
  return m ? m[0].length : -1;
}

/** JSON of obj without resourceVersion, apiVersion, kind and metadata first (what servedJSON splices). */
export function storedJSON(obj: KubeObject): string {
  const { apiVersion, kind, metadata, ...rest } = obj;
  const { resourceVersion: _rv, ...meta } = metadata;
  return JSON.stringify({ apiVersion, kind, metadata: meta, ...rest });
}

/** Attributes of a parsed object (labels are copied, so the object itself is not retained). */
export function attrsOf(obj: KubeObject, fieldsOf: FieldsOf | undefined): ObjectAttrs {
  const l = obj.metadata.labels;
  return {
    labels: l && Object.keys(l).length > 0 ? Object.freeze({ ...l }) : undefined,
    fields: fieldsOf?.(obj),
  };
}
