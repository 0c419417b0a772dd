import type { APIRoute } from 'astro';
import { relayDownload } from '../../../components/portfolio-api.ts';

/** The blank portfolio templates, relayed from the API so every download comes from the site's origin. */
const TEMPLATES = new Set(['portfolio-template.csv', 'portfolio-template.xlsx']);

export const GET: APIRoute = async ({ params, rewrite }) => {
  const file = params.file ?? '';
  if (!TEMPLATES.has(file)) return rewrite('/404');
  return relayDownload(`/v1/portfolios/templates/${file}`, undefined, file);
};
