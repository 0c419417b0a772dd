import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { makeCaseStudy } from '../test/case-study-fixture.ts';
import { type AtomEntry, atomFeed, escapeXml } from './atom-feed.ts';

const options = {
  siteUrl: 'https://costed.example',
  feedUrl: 'https://costed.example/feed.atom',
  updated: '2025-06-01T09:30:00Z',
};
const hostileTitle = 'A <script>alert("x")</script> & ]]> <![CDATA[ title';

function entry(overrides: Partial<AtomEntry> = {}): AtomEntry {
  return { ...makeCaseStudy(), updated: '2025-05-01T00:00:00Z', ...overrides };
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (name) => name === 'entry',
});
type Parsed = { feed: { title: { '#text': string }; entry?: Record<string, unknown>[] } };

describe('atomFeed', () => {
  it('escapes hostile titles and summaries: the XML parses and gives the text back unchanged', () => {
    const xml = atomFeed(
      [entry({ title: hostileTitle, summary: `Summary & <b>bold</b> ]]> end 'q'` })],
      options,
    );
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain('<![CDATA[');
    const parsed = parser.parse(xml) as Parsed;
    const [first] = parsed.feed.entry ?? [];
    expect(first?.title).toMatchObject({ '#text': hostileTitle, '@type': 'text' });
    expect(first?.summary).toMatchObject({ '#text': `Summary & <b>bold</b> ]]> end 'q'`, '@type': 'text' });
  });

  it('gives each entry a link to its page, an id, updated, summary and its policy strand as a category', () => {
    const parsed = parser.parse(atomFeed([entry()], options)) as Parsed;
    const [first] = parsed.feed.entry ?? [];
    expect(first).toMatchObject({
      id: 'https://costed.example/case-studies/east-riding-early-help',
      link: { '@href': 'https://costed.example/case-studies/east-riding-early-help', '@rel': 'alternate' },
      updated: '2025-05-01T00:00:00Z',
      category: { '@term': 'contact-and-referrals', '@label': 'Contact and referrals' },
    });
  });

  it('carries the caller’s updated time, self link and id on the feed', () => {
    const xml = atomFeed([], { ...options, updated: new Date('2025-06-01T09:30:00Z') });
    expect(xml).toContain('<updated>2025-06-01T09:30:00.000Z</updated>');
    expect(xml).toContain('<id>https://costed.example/feed.atom</id>');
    expect(xml).toContain(
      '<link rel="self" type="application/atom+xml" href="https://costed.example/feed.atom"/>',
    );
  });

  it('leaves out case studies that are not published', () => {
    const xml = atomFeed(
      [
        entry({ slug: 'a-draft', status: 'draft' }),
        entry({ slug: 'withdrawn-one', status: 'withdrawn' }),
        entry(),
      ],
      options,
    );
    const parsed = parser.parse(xml) as Parsed;
    expect(parsed.feed.entry?.map((e) => e.id)).toEqual([
      'https://costed.example/case-studies/east-riding-early-help',
    ]);
  });
});

describe('escapeXml', () => {
  it('escapes markup characters and drops characters XML cannot hold', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
    expect(escapeXml('bell\u0007 tab\t lone\uD800 ok')).toBe('bell tab\t lone\uFFFD ok');
  });
});
