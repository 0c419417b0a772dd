import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './render-markdown.ts';

describe('renderMarkdown', () => {
  it('renders Markdown with GOV.UK classes and headings one level down', () => {
    const html = renderMarkdown(
      '## Costs\n\n- **£108 million** over ten years\n\nSee [the report](https://example.org/r).',
    );
    expect(html).toContain('<h3 class="govuk-heading-m">Costs</h3>');
    expect(html).toContain('<ul class="govuk-list govuk-list--bullet">');
    expect(html).toContain('<strong>£108 million</strong>');
    expect(html).toContain('<a href="https://example.org/r" class="govuk-link">the report</a>');
  });
  it('shows raw HTML as text and drops script links', () => {
    const html = renderMarkdown(
      '<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))',
    );
    expect(html).not.toMatch(/<script|<img|href="javascript:/i);
    expect(html).toContain('&lt;script&gt;');
  });
});
