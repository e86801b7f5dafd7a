// Route helpers: intent dispatch that inherited names cannot fool, and forms parsed into what the domain's schemas
// expect (a field's name is mapped once, in the schema).
import { describe, expect, it } from 'vitest';
import { PledgeDraftSchema, RenewPledgeSignatureSchema, SignPledgeSchema } from '../../app/domain/pledge-schemas';
import { RegisterOrganizationSchema, SetMemberRoleSchema } from '../../app/domain/schemas';
import { dispatchIntent, parseForm } from '../../app/web/route.server';

const form = (entries: [string, string | Blob][]) => {
  const data = new FormData();
  for (const [key, value] of entries) data.append(key, value);
  return data;
};

/** The status of what a handler threw (React Router's `data()` or a Response). */
async function thrownStatus(run: () => Promise<unknown>) {
  try {
    await run();
  } catch (error) {
    const e = error as { init?: { status?: number }; status?: number };
    return e.init?.status ?? e.status;
  }
  throw new Error('expected a throw');
}

describe('dispatchIntent', () => {
  const handlers = { save: async () => 'saved', remove: (intent: string) => `ran ${intent}` };

  it('runs the handler the intent names', async () => {
    expect(await dispatchIntent(form([['intent', 'save']]), handlers)).toBe('saved');
    expect(await dispatchIntent(form([['intent', 'remove']]), handlers)).toBe('ran remove');
  });

  it.each(['toString', '__proto__', 'constructor', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', 'unknown', '', 'SAVE'])(
    'answers 400 to the intent %j',
    async (intent) => {
      expect(await thrownStatus(() => dispatchIntent(form([['intent', intent]]), handlers))).toBe(400);
    },
  );

  it('answers 400 without an intent, or with a file for one', async () => {
    expect(await thrownStatus(() => dispatchIntent(form([]), handlers))).toBe(400);
    expect(await thrownStatus(() => dispatchIntent(form([['intent', new Blob(['save'])]]), handlers))).toBe(400);
  });

  it('ignores handlers objects whose prototype has the name', async () => {
    const inherited = Object.create({ save: async () => 'inherited' }) as Record<string, () => Promise<string>>;
    expect(await thrownStatus(() => dispatchIntent(form([['intent', 'save']]), inherited))).toBe(400);
  });
});

describe('parseForm', () => {
  it('maps fields by the schema: arrays, numbers, empty fields, unknown fields left out', () => {
    const parsed = parseForm(
      PledgeDraftSchema,
      form([
        ['title', 'Fair fees'],
        ['body', 'We publish every fee.'],
        ['factors', 'TRANSPARENCY'],
        ['factors', 'AUTOMATION'],
        ['factors', ''],
        ['audience', 'BOTH'],
        ['renewalMonths', '12'],
        ['ownerOrganizationId', ''],
        ['isPlatformAdmin', 'true'],
      ]),
    );
    expect(parsed).toEqual({
      title: 'Fair fees',
      body: 'We publish every fee.',
      factors: ['TRANSPARENCY', 'AUTOMATION'],
      audience: 'BOTH',
      renewalMonths: 12,
      ownerOrganizationId: undefined,
    });
  });

  it('leaves what is not a number as text, so the schema gives the field its own message', () => {
    const parsed = parseForm(PledgeDraftSchema, form([['renewalMonths', 'twelve']]));
    expect(parsed.renewalMonths).toBe('twelve');
    const result = PledgeDraftSchema.safeParse({ ...parsed, title: 'Fair fees', body: 'x'.repeat(30), factors: ['AUTOMATION'], audience: 'BOTH' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['renewalMonths', 'errors.renewalMonths']]);
  });

  it('an empty required field becomes undefined: the schema says "required"', () => {
    const parsed = parseForm(
      SignPledgeSchema,
      form([
        ['pledgeId', 'p'],
        ['organizationId', 'o'],
        ['confirmation', '   '],
        ['statement', ''],
      ]),
    );
    expect(parsed).toEqual({ pledgeId: 'p', organizationId: 'o', confirmation: undefined, statement: undefined });
    const result = SignPledgeSchema.safeParse(parsed);
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['confirmation', 'errors.confirmation']]);
  });

  it('reads booleans (a ticked checkbox) and enums', () => {
    expect(
      parseForm(
        RegisterOrganizationSchema,
        form([
          ['name', 'Guild'],
          ['confirmSimilarName', 'true'],
        ]),
      ).confirmSimilarName,
    ).toBe(true);
    expect(parseForm(RegisterOrganizationSchema, form([['name', 'Guild']])).confirmSimilarName).toBeUndefined();
    expect(
      parseForm(
        SetMemberRoleSchema,
        form([
          ['membershipId', 'm1'],
          ['role', 'ORG_ADMIN'],
        ]),
      ),
    ).toEqual({ membershipId: 'm1', role: 'ORG_ADMIN' });
  });

  it('repeated fields: a single value still becomes a list; `arrays` forces one; files are ignored', () => {
    expect(parseForm(RenewPledgeSignatureSchema, form([['links', 'https://example.org/a']])).links).toEqual(['https://example.org/a']);
    expect(parseForm(RenewPledgeSignatureSchema, form([['report', 'x']])).links).toBeUndefined();
    expect(parseForm(RenewPledgeSignatureSchema, form([['report', new Blob(['x'])]])).report).toBeUndefined();
    expect(
      parseForm(
        SetMemberRoleSchema,
        form([
          ['membershipId', 'a'],
          ['membershipId', 'b'],
        ]),
        { arrays: ['membershipId'] },
      ).membershipId,
    ).toEqual(['a', 'b']);
  });

  it('refuses a schema that is not an object', async () => {
    const { z } = await import('zod');
    expect(() => parseForm(z.string(), form([]))).toThrow(/object schema/);
  });
});
