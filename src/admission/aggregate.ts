// upstream's utilerrors.NewAggregate(...).Error(): one message alone, several as "[a, b]", duplicates once.

export function aggregateMessage(msgs: string[]): string {
  const seen = [...new Set(msgs)];
  return seen.length === 1 ? (seen[0] ?? '') : `[${seen.join(', ')}]`;
}
