import { runContractSuite } from './contract.ts';
import { openMemoryStore } from './memory.ts';

runContractSuite('memory', openMemoryStore);
