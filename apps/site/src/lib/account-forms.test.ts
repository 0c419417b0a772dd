import { describe, expect, it } from 'vitest';
import {
  MembersView,
  makeOrganisationId,
  mapMemberProblem,
  mapOrganisationProblem,
  mapSignUpProblem,
  readCreateAccountForm,
  readMemberForm,
  readOrganisationForm,
  signUpWithApi,
  summariseFieldErrors,
  validateCreateAccount,
  validateMember,
  validateOrganisation,
} from './account-forms.ts';
import { ApiProblem, ApiUnreachable } from './api-client.ts';
import { SiteError } from './session.ts';

function formOf(values: Record<string, string>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(values)) form.append(key, value);
  return form;
}

const GOOD = {
  name: 'Ada Officer',
  email: 'ada@council.example',
  password: 'correct horse battery',
  confirmPassword: 'correct horse battery',
};

describe('create account: reading and checking the form', () => {
  it('trims the name and e-mail but keeps passwords exactly as typed', () => {
    const input = readCreateAccountForm(
      formOf({
        name: '  Ada  ',
        email: ' ada@council.example ',
        password: ' spaced out pass ',
        confirmPassword: ' spaced out pass ',
      }),
    );
    expect(input).toEqual({
      name: 'Ada',
      email: 'ada@council.example',
      password: ' spaced out pass ',
      confirmPassword: ' spaced out pass ',
    });
  });

  it('accepts a complete form', () => {
    expect(validateCreateAccount(GOOD)).toEqual({});
  });

  it('names every missing field', () => {
    expect(validateCreateAccount({ name: '', email: '', password: '', confirmPassword: '' })).toEqual({
      name: 'Enter your full name',
      email: 'Enter your email address',
      password: 'Enter a password',
      confirmPassword: 'Enter your password again',
    });
  });

  it('refuses a password under 12 characters at the password field', () => {
    const errors = validateCreateAccount({
      ...GOOD,
      password: 'elevenchars',
      confirmPassword: 'elevenchars',
    });
    expect(errors).toEqual({ password: 'Password must be 12 characters or more' });
  });

  it('accepts a password of exactly 12 characters and refuses one over 128', () => {
    expect(
      validateCreateAccount({ ...GOOD, password: 'x'.repeat(12), confirmPassword: 'x'.repeat(12) }),
    ).toEqual({});
    expect(
      validateCreateAccount({ ...GOOD, password: 'x'.repeat(129), confirmPassword: 'x'.repeat(129) })
        .password,
    ).toBe('Password must be 128 characters or fewer');
  });

  it('refuses passwords that do not match at the confirmation field', () => {
    expect(validateCreateAccount({ ...GOOD, confirmPassword: 'correct horse battery!' })).toEqual({
      confirmPassword: 'The passwords do not match. Enter the same password twice',
    });
  });

  it('refuses an e-mail address without an @', () => {
    expect(validateCreateAccount({ ...GOOD, email: 'ada.council.example' }).email).toMatch(/correct format/);
  });
});

describe('create account: the API refusals at the field', () => {
  const problem = (status: number, detail: string) => ({ status, detail, errors: [] });

  it('puts an e-mail already in use at the e-mail field, saying no more than the API does', () => {
    expect(mapSignUpProblem(problem(400, 'User already exists. Use another email.'))).toEqual({
      email: 'An account already uses this email address. Sign in, or use another email address',
    });
  });

  it('puts rate limiting at the e-mail field with what to do', () => {
    expect(mapSignUpProblem(problem(429, 'Too many requests. Please try again later.')).email).toMatch(
      /Wait a minute/,
    );
  });

  it('maps better-auth password and e-mail messages to their fields', () => {
    expect(mapSignUpProblem(problem(400, 'Password too short'))).toEqual({
      password: 'Password must be 12 characters or more',
    });
    expect(mapSignUpProblem(problem(400, 'Password too long'))).toEqual({
      password: 'Password must be 128 characters or fewer',
    });
    expect(Object.keys(mapSignUpProblem(problem(400, '[body.email] Invalid email address')))).toEqual([
      'email',
    ]);
  });

  it('prefers field paths when the API sends them', () => {
    expect(
      mapSignUpProblem({
        status: 400,
        detail: 'x',
        errors: [{ path: 'body.name', message: 'Name is required' }],
      }),
    ).toEqual({ name: 'Name is required' });
  });

  it('shows an unknown refusal with the API’s own words rather than dropping it', () => {
    expect(mapSignUpProblem(problem(400, 'Something odd'))).toEqual({
      email: 'The account could not be created: Something odd',
    });
  });
});

describe('signUpWithApi', () => {
  it('posts the account with the site as Origin and returns the session token from set-cookie', async () => {
    let seen: { url: string; init: RequestInit | undefined } | undefined;
    const fetchImpl = (async (url: string, init?: RequestInit) => {
      seen = { url, init };
      return new Response('{}', {
        status: 200,
        headers: { 'set-cookie': 'costed.session_token=abc.def%3D; Path=/; HttpOnly; SameSite=Lax' },
      });
    }) as typeof fetch;
    const result = await signUpWithApi(
      'http://api.test',
      'http://site.test',
      { name: 'A', email: 'a@x.test', password: 'p'.repeat(12) },
      fetchImpl,
    );
    expect(result).toEqual({ token: 'abc.def=' });
    expect(seen?.url).toBe('http://api.test/v1/auth/sign-up/email');
    expect(new Headers(seen?.init?.headers).get('origin')).toBe('http://site.test');
    expect(JSON.parse(String(seen?.init?.body))).toEqual({
      name: 'A',
      email: 'a@x.test',
      password: 'p'.repeat(12),
    });
  });

  it('throws the API problem on a refusal', async () => {
    const fetchImpl = (async () =>
      new Response(
        JSON.stringify({
          type: '/problems/validation-failed',
          status: 400,
          detail: 'User already exists. Use another email.',
          code: 'validation-failed',
        }),
        {
          status: 400,
          headers: { 'content-type': 'application/problem+json' },
        },
      )) as typeof fetch;
    const error = await signUpWithApi(
      'http://api.test',
      'http://site.test',
      { name: 'A', email: 'a@x.test', password: 'p'.repeat(12) },
      fetchImpl,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiProblem);
    expect((error as ApiProblem).status).toBe(400);
    expect((error as ApiProblem).detail).toBe('User already exists. Use another email.');
  });

  it('throws sign-in-no-cookie when the API accepts without a session', async () => {
    const fetchImpl = (async () => new Response('{}', { status: 200 })) as typeof fetch;
    const error = await signUpWithApi(
      'http://api.test',
      'http://site.test',
      { name: 'A', email: 'a@x.test', password: 'p'.repeat(12) },
      fetchImpl,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SiteError);
    expect((error as SiteError).code).toBe('sign-in-no-cookie');
  });

  it('throws api-unreachable when nothing answers', async () => {
    const fetchImpl = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    const error = await signUpWithApi(
      'http://api.test',
      'http://site.test',
      { name: 'A', email: 'a@x.test', password: 'p'.repeat(12) },
      fetchImpl,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiUnreachable);
    expect((error as ApiUnreachable).code).toBe('api-unreachable');
  });
});

describe('organisations', () => {
  it('makes a short name from the organisation name', () => {
    expect(makeOrganisationId('East Riding of Yorkshire Council')).toBe('east-riding-of-yorkshire-council');
    expect(makeOrganisationId('  Bath & North East Somerset ')).toBe('bath-and-north-east-somerset');
    expect(makeOrganisationId('Ōxford Children’s Trust')).toBe('oxford-children-s-trust');
    expect(makeOrganisationId('x'.repeat(100))).toHaveLength(63);
  });

  it('reads the form, upper-casing the GSS code and lower-casing the short name', () => {
    expect(
      readOrganisationForm(
        formOf({ name: ' Hull ', id: 'Hull-CC', kind: 'council', gssCode: ' e06000010 ' }),
      ),
    ).toEqual({
      name: 'Hull',
      id: 'hull-cc',
      kind: 'council',
      gssCode: 'E06000010',
    });
  });

  it('builds the API body, with the short name made from the name when left blank', () => {
    expect(
      validateOrganisation({ name: 'East Riding Council', id: '', kind: 'council', gssCode: 'E06000011' }),
    ).toEqual({
      ok: true,
      body: { id: 'east-riding-council', name: 'East Riding Council', kind: 'council', gssCode: 'E06000011' },
    });
    expect(
      validateOrganisation({ name: 'Research in Practice', id: 'rip', kind: 'sector-body', gssCode: '' }),
    ).toEqual({
      ok: true,
      body: { id: 'rip', name: 'Research in Practice', kind: 'sector-body' },
    });
  });

  it('asks a council for its GSS code and checks the code’s form', () => {
    expect(validateOrganisation({ name: 'Hull', id: '', kind: 'council', gssCode: '' })).toEqual({
      ok: false,
      errors: { gssCode: 'Enter the council’s GSS code, like E06000011' },
    });
    const bad = validateOrganisation({ name: 'Hull', id: '', kind: 'council', gssCode: 'W06000001' });
    expect(bad.ok ? {} : bad.errors).toEqual({
      gssCode: 'Enter a GSS code of E06, E08, E09 or E10 followed by six digits, like E06000011',
    });
  });

  it('names a missing name and kind, and a bad short name', () => {
    expect(validateOrganisation({ name: '', id: '', kind: '', gssCode: '' })).toEqual({
      ok: false,
      errors: { name: 'Enter the organisation’s name', kind: 'Select what kind of organisation it is' },
    });
    const badId = validateOrganisation({ name: 'Hull', id: '-hull_', kind: 'other', gssCode: '' });
    expect(badId.ok ? [] : Object.keys(badId.errors)).toEqual(['id']);
    const unknownKind = validateOrganisation({ name: 'Hull', id: '', kind: 'charity', gssCode: '' });
    expect(unknownKind.ok ? [] : Object.keys(unknownKind.errors)).toEqual(['kind']);
  });

  it('maps the API’s refusals to the fields', () => {
    expect(
      mapOrganisationProblem({
        status: 400,
        code: 'validation-failed',
        detail: 'E06000099 is not in the councils table.',
        errors: [{ path: 'body.gssCode', message: 'Unknown council code' }],
      }),
    ).toEqual({ gssCode: 'No council in England has this GSS code. Check the code, like E06000011' });
    expect(
      mapOrganisationProblem({
        status: 409,
        code: 'conflict',
        detail: 'An organisation "hull" already exists.',
        errors: [],
      }),
    ).toEqual({ id: 'An organisation already uses this short name. Choose another short name' });
    expect(
      mapOrganisationProblem({
        status: 400,
        code: 'validation-failed',
        detail: '2 fields',
        errors: [
          { path: 'body.name', message: 'Too small' },
          { path: 'body.id', message: 'Lower-case letters' },
        ],
      }),
    ).toEqual({ name: 'Too small', id: 'Lower-case letters' });
  });
});

describe('members', () => {
  it('reads and checks the form', () => {
    expect(readMemberForm(formOf({ email: ' ada@council.example ', role: 'curator' }))).toEqual({
      email: 'ada@council.example',
      role: 'curator',
    });
    expect(validateMember({ email: 'ada@council.example', role: 'council-member' })).toEqual({
      ok: true,
      body: { email: 'ada@council.example', role: 'council-member' },
    });
  });

  it('refuses the public role and a missing e-mail', () => {
    expect(validateMember({ email: '', role: 'public' })).toEqual({
      ok: false,
      errors: {
        email: 'Enter the email address the person created their account with',
        role: 'Select the person’s role in this organisation',
      },
    });
  });

  it('says an unknown e-mail must create an account first', () => {
    expect(
      mapMemberProblem({
        status: 404,
        detail: 'No account uses x@y.test. Ask them to create an account first.',
        errors: [{ path: 'body.email', message: 'No account with this e-mail address' }],
      }).email,
    ).toMatch(/must create an account on Costed first/);
  });

  it('reads members with a name and e-mail, or null where the account is gone', () => {
    const parsed = MembersView.parse({
      members: [
        {
          userId: 'u1',
          organisationId: 'hull',
          role: 'council-member',
          createdAt: '2026-01-01T00:00:00Z',
          name: null,
          email: null,
        },
        {
          userId: 'u2',
          organisationId: 'hull',
          role: 'curator',
          createdAt: '2026-01-01T00:00:00Z',
          name: 'Ada',
          email: 'a@x.test',
        },
      ],
    });
    expect(parsed.members.map((m) => m.email)).toEqual([null, 'a@x.test']);
  });
});

describe('summariseFieldErrors', () => {
  it('lists errors in form order, each linking to its field', () => {
    expect(
      summariseFieldErrors({ password: 'P', name: 'N', other: 'O' }, ['name', 'email', 'password']),
    ).toEqual([
      { text: 'N', href: '#name' },
      { text: 'P', href: '#password' },
      { text: 'O', href: '#other' },
    ]);
  });
});
