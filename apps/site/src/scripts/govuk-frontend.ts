// Only the GOV.UK Frontend components the pages use, so the bundle stays small. Every page works without
// this script: it adds the mobile menu toggle, skip-link focus and error-summary focus.
import { createAll, ErrorSummary, ServiceNavigation, SkipLink } from 'govuk-frontend';

createAll(ServiceNavigation);
createAll(SkipLink);
createAll(ErrorSummary);
