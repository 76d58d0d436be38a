// Static bearer tokens from --token-auth-file (upstream's
// k8s.io/apiserver/pkg/authentication/token/tokenfile): a CSV of token,user,uid[,"group1,group2"],
// read when the server starts.

import { readFile } from 'node:fs/promises';
import type { TokenAuthenticator } from './authn/token.ts';
import type { UserInfo } from './types.ts';

/** Parses CSV as Go's encoding/csv with TrimLeadingSpace and variable field counts. */
export function parseCSV(text: string): string[][] {
  const records: string[][] = [];
  let i = 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    // Blank lines are skipped.
    if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] === '\n')) {
      i += text[i] === '\r' ? 2 : 1;
      line++;
      continue;
    }
    const record: string[] = [];
    const recordLine = line;
    for (;;) {
      while (i < n && (text[i] === ' ' || text[i] === '\t')) i++;
      let value = '';
      if (text[i] === '"') {
        const col = i;
        i++;
        for (;;) {
          if (i >= n) throw new Error(`parse error on line ${recordLine}, column ${col + 1}: extraneous or missing " in quoted-field`);
          const c = text[i];
          if (c === '"') {
            if (text[i + 1] === '"') { value += '"'; i += 2; continue; }
            i++;
            break;
          }
          if (c === '\n') line++;
          value += c;
          i++;
        }
        if (i < n && text[i] !== ',' && text[i] !== '\n' && !(text[i] === '\r' && text[i + 1] === '\n')) {
          throw new Error(`parse error on line ${line}, column ${i + 1}: extraneous or missing " in quoted-field`);
        }
      } else {
        while (i < n && text[i] !== ',' && text[i] !== '\n' && !(text[i] === '\r' && text[i + 1] === '\n')) {
          if (text[i] === '"') throw new Error(`parse error on line ${line}, column ${i + 1}: bare " in non-quoted-field`);
          value += text[i];
          i++;
        }
      }
      record.push(value);
      if (i < n && text[i] === ',') { i++; continue; }
      if (i < n) { i += text[i] === '\r' ? 2 : 1; line++; }
      break;
    }
    records.push(record);
  }
  return records;
}

export interface TokenFile {
  tokens: Map<string, UserInfo>;
  /** Records skipped or overridden, in upstream's words. */
  warnings: string[];
}

export function parseTokenFile(text: string, path: string): TokenFile {
  const tokens = new Map<string, UserInfo>();
  const warnings: string[] = [];
  let recordNum = 0;
  for (const record of parseCSV(text)) {
    recordNum++;
    if (record.length < 3) throw new Error(`token file '${path}' must have at least 3 columns (token, user name, user uid), found ${record.length}`);
    const [token = '', name = '', uid = '', groups] = record;
    if (token.length === 0) {
      warnings.push(`empty token has been found in token file '${path}', record number '${recordNum}'`);
      continue;
    }
    if (tokens.has(token)) warnings.push(`duplicate token has been found in token file '${path}', record number '${recordNum}'`);
    const user: UserInfo = { name, uid, groups: groups && groups.length > 0 ? groups.split(',') : [] };
    tokens.set(token, user);
  }
  return { tokens, warnings };
}

export function tokenFileAuthenticator(tokens: ReadonlyMap<string, UserInfo>): TokenAuthenticator {
  return async (token) => {
    const user = tokens.get(token);
    return user ? { user: { ...user, groups: [...user.groups] }, audiences: [] } : undefined;
  };
}

/** Reads --token-auth-file; warnings go to the log. */
export async function loadTokenFile(path: string, warn?: (msg: string) => void): Promise<TokenAuthenticator> {
  const parsed = parseTokenFile(await readFile(path, 'utf8'), path);
  for (const w of parsed.warnings) warn?.(w);
  return tokenFileAuthenticator(parsed.tokens);
}
