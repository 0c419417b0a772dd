import { MembersResponse, type MemberWithAccount } from '@costed/contract';
import { GssCode } from '@costed/schema';
import { z } from 'zod';
import type { ApiProblem } from './api-client.ts';
import { forwardingFetch } from './client-address.ts';
import { postCredentialsToApi } from './session.ts';

/**
 * The create-account and administration forms: what each form posts, what the site checks before asking the
 * API, and where the API's refusals belong on the form. Pages only render; everything a user can get wrong is
 * decided here, so it is unit-tested without a browser.
 */

/** Field name → the message shown beside it (and in the error summary, in form order). */
export type FieldErrors = Record<string, string>;

/** One line of the GOV.UK error summary: the message and a link to its field. */
export interface SummaryItem {
  text: string;
  href: string;
}

/** The error summary for `errors`, in the order the fields appear on the form. */
export function summariseFieldErrors(errors: FieldErrors, order: readonly string[]): SummaryItem[] {
  const known = order.filter((field) => errors[field]);
  const rest = Object.keys(errors).filter((field) => !order.includes(field));
  return [...known, ...rest].map((field) => ({ text: errors[field] ?? '', href: `#${field}` }));
}

function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : '';
}

/** better-auth's limits (minPasswordLength 12 in the API; its default maximum 128). */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;
const NAME_MAX = 200;

// ---------------------------------------------------------------------------------------------------------
// Create an account

export const CREATE_ACCOUNT_FIELDS = ['name', 'email', 'password', 'confirmPassword'] as const;

export interface CreateAccountInput {
  name: string;
  email: string;
  password: string;
  confirmPassword: string;
}

/** What the create-account form posted. Passwords are kept exactly as typed (spaces are allowed). */
export function readCreateAccountForm(form: FormData): CreateAccountInput {
  const password = form.get('password');
  const confirmPassword = form.get('confirmPassword');
  return {
    name: text(form, 'name'),
    email: text(form, 'email'),
    password: typeof password === 'string' ? password : '',
    confirmPassword: typeof confirmPassword === 'string' ? confirmPassword : '',
  };
}

const Email = z.email();

/** The mistakes the site can see before asking the API: missing fields, a bad e-mail, short or mismatched passwords. */
export function validateCreateAccount(input: CreateAccountInput): FieldErrors {
  const errors: FieldErrors = {};
  if (!input.name) errors.name = 'Enter your full name';
  else if (input.name.length > NAME_MAX) errors.name = `Full name must be ${NAME_MAX} characters or fewer`;
  if (!input.email) errors.email = 'Enter your email address';
  else if (!Email.safeParse(input.email).success)
    errors.email = 'Enter an email address in the correct format, like name@example.gov.uk';
  if (!input.password) errors.password = 'Enter a password';
  else if (input.password.length < PASSWORD_MIN)
    errors.password = `Password must be ${PASSWORD_MIN} characters or more`;
  else if (input.password.length > PASSWORD_MAX)
    errors.password = `Password must be ${PASSWORD_MAX} characters or fewer`;
  if (!input.confirmPassword) errors.confirmPassword = 'Enter your password again';
  else if (input.password && input.confirmPassword !== input.password)
    errors.confirmPassword = 'The passwords do not match. Enter the same password twice';
  return errors;
}

/**
 * Where a refused sign-up belongs. The API (better-auth) sends no field paths for sign-up, only a message, so
 * the message is matched. An e-mail already in use is shown at the e-mail field: the API's own answer says so,
 * and the site says no more than it.
 */
export function mapSignUpProblem(problem: Pick<ApiProblem, 'status' | 'detail' | 'errors'>): FieldErrors {
  if (problem.status === 429) {
    return { email: 'Too many attempts to create an account. Wait a minute, then try again' };
  }
  const byPath: FieldErrors = {};
  for (const error of problem.errors) {
    const field = error.path.replace(/^body\./, '');
    if ((CREATE_ACCOUNT_FIELDS as readonly string[]).includes(field) && !byPath[field]) {
      byPath[field] = error.message;
    }
  }
  if (Object.keys(byPath).length > 0) return byPath;
  const detail = problem.detail.toLowerCase();
  if (
    detail.includes('already exists') ||
    detail.includes('already in use') ||
    detail.includes('already registered')
  ) {
    return { email: 'An account already uses this email address. Sign in, or use another email address' };
  }
  if (detail.includes('password too short'))
    return { password: `Password must be ${PASSWORD_MIN} characters or more` };
  if (detail.includes('password too long'))
    return { password: `Password must be ${PASSWORD_MAX} characters or fewer` };
  if (detail.includes('email'))
    return { email: 'Enter an email address in the correct format, like name@example.gov.uk' };
  if (detail.includes('name')) return { name: 'Enter your full name' };
  return { email: `The account could not be created: ${problem.detail}` };
}

/**
 * Creates the account through the API (better-auth signs the new user in at once) and returns the session
 * token from its `set-cookie`, which the page keeps exactly as sign-in does. better-auth refuses a POST without
 * a trusted Origin, so the site names itself.
 */
export function signUpWithApi(
  baseUrl: string,
  siteOrigin: string,
  account: { name: string; email: string; password: string },
  fetchImpl: typeof globalThis.fetch = forwardingFetch,
): Promise<{ token: string }> {
  return postCredentialsToApi(
    baseUrl,
    siteOrigin,
    '/v1/auth/sign-up/email',
    account,
    {
      refused: 'The API refused to create the account.',
      noCookie:
        'The API created the account but sent no session cookie. Sign in with the new account; if that fails, check that the site and API versions match.',
    },
    fetchImpl,
  );
}

// ---------------------------------------------------------------------------------------------------------
// Organisations

export const ORGANISATION_KINDS = [
  { value: 'council', label: 'Council' },
  { value: 'sector-body', label: 'Sector body (for example, a curating charity or research centre)' },
  { value: 'other', label: 'Other organisation' },
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number]['value'];

export const ORGANISATION_FIELDS = ['name', 'id', 'kind', 'gssCode'] as const;

export interface OrganisationInput {
  name: string;
  /** As typed; empty means "make one from the name". */
  id: string;
  kind: string;
  gssCode: string;
}

export function readOrganisationForm(form: FormData): OrganisationInput {
  return {
    name: text(form, 'name'),
    id: text(form, 'id').toLowerCase(),
    kind: text(form, 'kind'),
    gssCode: text(form, 'gssCode').toUpperCase(),
  };
}

const ORGANISATION_ID = /^[a-z0-9][a-z0-9-]{1,62}$/;

/** An organisation id made from its name: "East Riding of Yorkshire Council" → "east-riding-of-yorkshire-council". */
export function makeOrganisationId(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
}

function isOrganisationKind(value: string): value is OrganisationKind {
  return ORGANISATION_KINDS.some((kind) => kind.value === value);
}

/** The body of POST /v1/organisations, or the field errors the site can see first. */
export function validateOrganisation(
  input: OrganisationInput,
):
  | { ok: true; body: { id: string; name: string; kind: OrganisationKind; gssCode?: string } }
  | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  if (!input.name) errors.name = 'Enter the organisation’s name';
  else if (input.name.length < 2) errors.name = 'Name must be 2 characters or more';
  else if (input.name.length > NAME_MAX) errors.name = `Name must be ${NAME_MAX} characters or fewer`;
  const id = input.id || makeOrganisationId(input.name);
  if (input.name && !ORGANISATION_ID.test(id)) {
    errors.id = input.id
      ? 'Short name must be 2 to 63 lower-case letters, digits and hyphens, starting with a letter or digit, like east-riding'
      : 'Enter a short name of lower-case letters, digits and hyphens, like east-riding';
  }
  if (!input.kind) errors.kind = 'Select what kind of organisation it is';
  else if (!isOrganisationKind(input.kind)) errors.kind = 'Select council, sector body or other organisation';
  if (input.kind === 'council' && !input.gssCode)
    errors.gssCode = 'Enter the council’s GSS code, like E06000011';
  else if (input.gssCode && !GssCode.safeParse(input.gssCode).success) {
    errors.gssCode = 'Enter a GSS code of E06, E08, E09 or E10 followed by six digits, like E06000011';
  }
  if (Object.keys(errors).length > 0 || !isOrganisationKind(input.kind)) return { ok: false, errors };
  return {
    ok: true,
    body: { id, name: input.name, kind: input.kind, ...(input.gssCode ? { gssCode: input.gssCode } : {}) },
  };
}

/** Where a refused POST /v1/organisations belongs on the form. */
export function mapOrganisationProblem(
  problem: Pick<ApiProblem, 'status' | 'code' | 'detail' | 'errors'>,
): FieldErrors {
  if (problem.status === 409 || problem.code === 'conflict') {
    return { id: 'An organisation already uses this short name. Choose another short name' };
  }
  const errors: FieldErrors = {};
  for (const error of problem.errors) {
    const field = error.path.replace(/^body\./, '');
    if (!(ORGANISATION_FIELDS as readonly string[]).includes(field) || errors[field]) continue;
    errors[field] =
      field === 'gssCode' && error.message === 'Unknown council code'
        ? 'No council in England has this GSS code. Check the code, like E06000011'
        : error.message;
  }
  if (Object.keys(errors).length === 0)
    errors.name = `The organisation could not be created: ${problem.detail}`;
  return errors;
}

// ---------------------------------------------------------------------------------------------------------
// Members

/** The roles PUT /v1/organisations/:id/members accepts (every role but public). */
export const MEMBER_ROLES = [
  {
    value: 'council-member',
    label: 'Council member: submits case studies and reviews portfolios for the organisation',
  },
  { value: 'curator', label: 'Curator: reviews, rates, publishes and withdraws case studies' },
  { value: 'admin', label: 'Administrator: manages organisations and members' },
] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number]['value'];

export function roleLabel(role: string): string {
  return (
    { 'council-member': 'Council member', curator: 'Curator', admin: 'Administrator', public: 'Public' }[
      role
    ] ?? role
  );
}

export const MEMBER_FIELDS = ['email', 'role'] as const;

export function readMemberForm(form: FormData): { email: string; role: string } {
  return { email: text(form, 'email'), role: text(form, 'role') };
}

function isMemberRole(value: string): value is MemberRole {
  return MEMBER_ROLES.some((role) => role.value === value);
}

/** The body of PUT /v1/organisations/:id/members, or the field errors the site can see first. */
export function validateMember(input: {
  email: string;
  role: string;
}): { ok: true; body: { email: string; role: MemberRole } } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  if (!input.email) errors.email = 'Enter the email address the person created their account with';
  else if (!Email.safeParse(input.email).success)
    errors.email = 'Enter an email address in the correct format, like name@example.gov.uk';
  if (!isMemberRole(input.role)) errors.role = 'Select the person’s role in this organisation';
  if (Object.keys(errors).length > 0 || !isMemberRole(input.role)) return { ok: false, errors };
  return { ok: true, body: { email: input.email, role: input.role } };
}

/**
 * Where a refused PUT members belongs. An unknown e-mail comes back as 404 with an error at `body.email`; a
 * missing organisation as 404 without one (the page shows not-found for that).
 */
export function mapMemberProblem(problem: Pick<ApiProblem, 'status' | 'detail' | 'errors'>): FieldErrors {
  const errors: FieldErrors = {};
  for (const error of problem.errors) {
    const field = error.path.replace(/^body\./, '');
    if (!(MEMBER_FIELDS as readonly string[]).includes(field) || errors[field]) continue;
    errors[field] =
      field === 'email' && problem.status === 404
        ? 'No account uses this email address. The person must create an account on Costed first, then you can add them'
        : field === 'role'
          ? 'Select the person’s role in this organisation'
          : error.message;
  }
  if (Object.keys(errors).length === 0) errors.email = `The member could not be added: ${problem.detail}`;
  return errors;
}

/** A member as the members list answers it: with their account's name and e-mail (null if it is gone). */
export const MembersView = MembersResponse;
export type MemberView = MemberWithAccount;
