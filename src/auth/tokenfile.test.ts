import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadTokenFile, parseCSV, parseTokenFile } from './tokenfile.ts';

describe('static token file', () => {
  it('parses CSV as Go does: quoted groups, doubled quotes, leading spaces, blank lines, CRLF', () => {
    assert.deepEqual(parseCSV('a,b,c,"g1,g2"\r\n\n  x, y ,z\n"q""uote",2,3\n'), [
      ['a', 'b', 'c', 'g1,g2'], ['x', 'y ', 'z'], ['q"uote', '2', '3'],
    ]);
    assert.throws(() => parseCSV('a"b,c'), { message: 'parse error on line 1, column 2: bare " in non-quoted-field' });
    assert.throws(() => parseCSV('"abc'), /extraneous or missing " in quoted-field/);
  });

  it('maps tokens to users with uid and groups; skips empty tokens, last duplicate wins', () => {
    const f = parseTokenFile('t1,alice,1001,"devs,ops"\n,nobody,0\nt2,bob,1002\nt2,bobby,1003,\n', '/etc/tokens.csv');
    assert.deepEqual(f.tokens.get('t1'), { name: 'alice', uid: '1001', groups: ['devs', 'ops'] });
    assert.deepEqual(f.tokens.get('t2'), { name: 'bobby', uid: '1003', groups: [] });
    assert.equal(f.tokens.size, 2);
    assert.deepEqual(f.warnings, [
      "empty token has been found in token file '/etc/tokens.csv', record number '2'",
      "duplicate token has been found in token file '/etc/tokens.csv', record number '4'",
    ]);
  });

  it('refuses records with fewer than three columns', () => {
    assert.throws(() => parseTokenFile('t1,alice\n', 'f.csv'), { message: "token file 'f.csv' must have at least 3 columns (token, user name, user uid), found 2" });
  });

  it('loads a file into an authenticator that knows only its tokens', async (t) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cox-tokenfile-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'tokens.csv');
    writeFileSync(file, 'secret-token,carol,42,admins\n');
    const auth = await loadTokenFile(file);
    assert.deepEqual(await auth('secret-token', []), { user: { name: 'carol', uid: '42', groups: ['admins'] }, audiences: [] });
    assert.equal(await auth('other', []), undefined);
  });
});
