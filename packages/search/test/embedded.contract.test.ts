import { createSearchIndex } from '../src/index.ts';
import { runSearchContract } from './contract.ts';

runSearchContract('embedded', async (synonyms) => createSearchIndex({ kind: 'embedded', synonyms }));
