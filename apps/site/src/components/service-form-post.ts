import type { AstroGlobal } from 'astro';
import { ApiProblem } from '../lib/api-client.ts';
import {
  checkServiceForm,
  type FormErrors,
  mapServiceProblem,
  readServiceForm,
  type ServiceBody,
  type ServiceFormValues,
} from '../lib/portfolio-forms.ts';
import {
  isPortfolioNotFound,
  isTrustedPost,
  type PortfolioVisitor,
  rejectUntrustedPost,
} from './portfolio-access.ts';
import { findUnknownCaseStudies } from './portfolio-api.ts';

export interface ServiceFormPostOptions {
  /** Case studies the service already links to: not checked again, so a study withdrawn since does not block an edit. */
  alreadyLinked?: readonly string[];
  /** Sends the checked service to the API and gives the address to go to once it is saved. */
  save: (body: ServiceBody) => Promise<string>;
}

/**
 * Handles a POST of the service form, which adding and changing a service share: refuses an untrusted POST
 * (403), checks the form and its case-study links, saves through `options.save` and redirects (303), and maps
 * the API's field errors back onto the form (422). A portfolio gone or another council's is the not-found page.
 * Returns the response to send, or the values and errors to show the form again with.
 */
export async function handleServiceFormPost(
  astro: AstroGlobal,
  visitor: PortfolioVisitor,
  options: ServiceFormPostOptions,
): Promise<{ response: Response } | { values: ServiceFormValues; errors: FormErrors }> {
  const form = await astro.request.formData();
  const values = readServiceForm(form);
  if (!isTrustedPost(astro, visitor, form)) {
    return { values, errors: { summary: [rejectUntrustedPost(astro, '#name')], byField: {} } };
  }
  const built = await checkServiceForm(values, findUnknownCaseStudies, options.alreadyLinked ?? []);
  let errors: FormErrors;
  if (!built.ok) {
    errors = built.errors;
  } else {
    try {
      return { response: astro.redirect(await options.save(built.body), 303) };
    } catch (error) {
      if (isPortfolioNotFound(error)) return { response: await astro.rewrite('/404') };
      if (!(error instanceof ApiProblem) || error.status >= 500) throw error;
      errors = mapServiceProblem(
        error.errors.length > 0 ? error.errors : [{ path: 'body', message: error.detail }],
        built.indicatorRows,
      );
    }
  }
  if (errors.summary.length > 0) astro.response.status = 422;
  return { values, errors };
}
