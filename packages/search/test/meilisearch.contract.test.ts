import { describe } from 'vitest';
import { createSearchIndex, setUpMeilisearch } from '../src/index.ts';
import { runSearchContract } from './contract.ts';

const url = process.env.MEILI_URL;
const masterKey = process.env.MEILI_MASTER_KEY ?? '';

if (!url) console.log('meilisearch contract suite skipped: MEILI_URL is not set');

describe.skipIf(!url)('meilisearch (needs MEILI_URL and MEILI_MASTER_KEY)', () => {
  let n = 0;
  runSearchContract('meilisearch', async (synonyms) => {
    const indexName = `costed_contract_${process.pid}_${Date.now().toString(36)}_${n++}`;
    // The master key only sets up the index and creates scoped keys; the adapter runs with those.
    const { writeKey, searchKey } = await setUpMeilisearch({ url: url!, masterKey, indexName, synonyms });
    return createSearchIndex({
      kind: 'meilisearch',
      url: url!,
      apiKey: writeKey,
      searchApiKey: searchKey,
      indexName,
      synonyms,
    });
  });
});
