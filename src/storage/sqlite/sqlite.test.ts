import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import { runContractSuite } from '../contract.ts';
import { SqliteStore } from './store.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cox-sqlite-contract-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));
let n = 0;

runContractSuite('sqlite (file)', async () => new SqliteStore(path.join(dir, `state-${n++}.db`)));
runContractSuite('sqlite (:memory:)', async () => new SqliteStore(':memory:'));
