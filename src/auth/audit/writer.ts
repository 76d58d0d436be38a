// The audit log backend: one JSON object per line, rotated by size and pruned to a number of
// backups (upstream's --audit-log-maxsize / --audit-log-maxbackup).

import { closeSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';

export interface AuditWriter {
  write(event: object): void;
  close(): void;
}

export interface FileWriterOptions {
  /** Rotate when the file would grow past this many bytes (default 100 MiB). */
  maxSizeBytes?: number;
  /** Rotated files kept (default 10; 0 keeps none). */
  maxBackups?: number;
}

export function fileAuditWriter(file: string, opts: FileWriterOptions = {}): AuditWriter {
  const maxSize = opts.maxSizeBytes ?? 100 * 1024 * 1024;
  const maxBackups = opts.maxBackups ?? 10;
  mkdirSync(path.dirname(file), { recursive: true });
  let fd = openSync(file, 'a', 0o600);
  let size = statSync(file).size;
  let rotations = 0;

  const rotate = (): void => {
    closeSync(fd);
    const stamp = new Date().toISOString().replace(/:/g, '-');
    const ext = path.extname(file);
    const base = file.slice(0, file.length - ext.length);
    renameSync(file, `${base}-${stamp}-${rotations++}${ext}`);
    fd = openSync(file, 'a', 0o600);
    size = 0;
    const dir = path.dirname(file);
    const prefix = `${path.basename(base)}-`;
    const backups = readdirSync(dir).filter((f) => f.startsWith(prefix) && f.endsWith(ext)).sort();
    for (const old of backups.slice(0, Math.max(0, backups.length - maxBackups))) rmSync(path.join(dir, old), { force: true });
  };

  return {
    write(event) {
      const line = Buffer.from(`${JSON.stringify(event)}\n`);
      if (size > 0 && size + line.length > maxSize) rotate();
      writeSync(fd, line);
      size += line.length;
    },
    close() { closeSync(fd); },
  };
}

/** Collects events in memory (tests, webhooks later). */
export function memoryAuditWriter(): AuditWriter & { events: Record<string, unknown>[] } {
  const events: Record<string, unknown>[] = [];
  return { events, write: (e) => { events.push(JSON.parse(JSON.stringify(e)) as Record<string, unknown>); }, close: () => {} };
}
