// labelSelector / fieldSelector query parameters to one predicate over objects.

import { badRequest } from '../../api/errors.ts';
import type { ResourceType } from '../../api/registry.ts';
import {
  FieldSelectorParseError, fieldLabelNotSupported, fieldSelectorMatches, parseFieldSelector, referencedFields, requiresExactMatch,
} from '../../api/selectors/fields.ts';
import { isEmptySelector, matches, parseLabelSelector } from '../../api/selectors/labels.ts';
import type { ObjectAttrs } from '../storage/cached.ts';

/** What a selector sees of an object (a watch cache entry). */
export interface Selectable { namespace: string; name: string; attrs: ObjectAttrs }

export interface Filter {
  /** undefined when every object matches. */
  predicate: ((obj: Selectable) => boolean) | undefined;
  /** metadata.name=X when the field selector pins one name (a watch of one object). */
  name: string | undefined;
  /** Whether any selector is set (remainingItemCount is omitted then, as upstream). */
  selective: boolean;
}

function fieldGetter(obj: Selectable): (field: string) => string | undefined {
  return (f) => {
    if (f === 'metadata.name') return obj.name;
    if (f === 'metadata.namespace') return obj.namespace;
    return obj.attrs.fields?.[f];
  };
}

export function buildFilter(t: ResourceType, q: URLSearchParams): Filter {
  const ls = q.get('labelSelector') ?? '';
  const fs = q.get('fieldSelector') ?? '';
  let labelSel: ReturnType<typeof parseLabelSelector> | undefined;
  let fieldSel: ReturnType<typeof parseFieldSelector> | undefined;
  try {
    if (ls) labelSel = parseLabelSelector(ls);
  } catch (err) {
    throw badRequest(`unable to parse requirement: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    if (fs) fieldSel = parseFieldSelector(fs);
  } catch (err) {
    if (err instanceof FieldSelectorParseError) throw badRequest(err.message);
    throw err;
  }
  if (fieldSel) {
    for (const f of referencedFields(fieldSel)) {
      if (f !== 'metadata.name' && f !== 'metadata.namespace' && !t.fieldSelectors?.[f]) {
        throw badRequest(fieldLabelNotSupported(f));
      }
    }
  }
  const hasLabels = labelSel !== undefined && !isEmptySelector(labelSel);
  const hasFields = fieldSel !== undefined && fieldSel.requirements.length > 0;
  const name = fieldSel ? requiresExactMatch(fieldSel, 'metadata.name') : undefined;
  if (!hasLabels && !hasFields) return { predicate: undefined, name, selective: false };
  const lsel = labelSel;
  const fsel = fieldSel;
  return {
    predicate: (obj) => (!hasLabels || !lsel || matches(lsel, obj.attrs.labels))
      && (!hasFields || !fsel || fieldSelectorMatches(fsel, fieldGetter(obj))),
    name,
    selective: true,
  };
}
