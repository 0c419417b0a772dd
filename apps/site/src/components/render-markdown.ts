import MarkdownIt from 'markdown-it';

/**
 * Case-study bodies are Markdown written by councils and curators. They are rendered with raw HTML turned
 * off (`html: false` escapes any tag as text), markdown-it's link check (no `javascript:`, `vbscript:`,
 * `file:` or non-image `data:` URLs), and GOV.UK classes on the elements it makes. Headings move down one
 * level under the section heading the page gives them: the body's `##` becomes an `h3`.
 */
const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });

const CLASSES: Record<string, string> = {
  paragraph_open: 'govuk-body',
  bullet_list_open: 'govuk-list govuk-list--bullet',
  ordered_list_open: 'govuk-list govuk-list--number',
  link_open: 'govuk-link',
  blockquote_open: 'govuk-inset-text',
  table_open: 'govuk-table',
  thead_open: 'govuk-table__head',
  tbody_open: 'govuk-table__body',
  tr_open: 'govuk-table__row',
  th_open: 'govuk-table__header',
  td_open: 'govuk-table__cell',
};
const HEADING_CLASSES: Record<number, string> = {
  2: 'govuk-heading-m',
  3: 'govuk-heading-m',
  4: 'govuk-heading-s',
};

markdown.core.ruler.push('costed_govuk_classes', (state) => {
  const visit = (tokens: typeof state.tokens) => {
    for (const token of tokens) {
      if (token.type === 'heading_open' || token.type === 'heading_close') {
        const level = Math.min(6, Number(token.tag.slice(1)) + 1);
        token.tag = `h${level}`;
        if (token.type === 'heading_open')
          token.attrSet('class', HEADING_CLASSES[level] ?? 'govuk-heading-s');
      }
      const className = CLASSES[token.type];
      if (className) token.attrSet('class', className);
      if (token.children) visit(token.children);
    }
  };
  visit(state.tokens);
  return true;
});

/** The HTML of a Markdown body, safe to pass to `set:html`. */
export function renderMarkdown(source: string): string {
  return markdown.render(source);
}
