import { createStore } from '../src/index.ts';
import { runStoreContract } from './contract.ts';

runStoreContract('PGlite in memory', () => createStore({ engine: 'pglite' }));
