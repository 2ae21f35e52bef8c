import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as contracts from '@gendan/contracts';
import { arbitraryFromSchema, type JsonSchema } from './schema-arbitrary';

/** Every request schema of the contracts (bodies, queries, upload fields), as the API sees it. */
const requestSchemas: [string, z.ZodType][] = Object.entries(contracts as Record<string, unknown>).flatMap(
  ([name, value]): [string, z.ZodType][] =>
    /(Body|Query|Fields|Params)Schema$/.test(name) && value instanceof z.ZodType ? [[name, value]] : [],
);

const toJson = (s: z.ZodType) =>
  z.toJSONSchema(s, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' }) as JsonSchema;

describe('arbitraryFromSchema', () => {
  it('finds request schemas in the contracts', () => {
    expect(requestSchemas.length).toBeGreaterThan(5);
  });

  // JSON Schema cannot say everything a Zod schema checks (refinements, trimming, cross-field
  // rules), so "valid" values are valid mostly, not always; mostly is what the fuzzer needs to get
  // past validation into the services.
  for (const [name, schema] of requestSchemas) {
    it(`without junk, yields mostly values ${name} accepts`, () => {
      const samples = fc.sample(arbitraryFromSchema(toJson(schema)), { numRuns: 200, seed: 7 });
      const rejected = samples.filter((v) => !schema.safeParse(v).success);
      const example = rejected[0] === undefined ? '' : JSON.stringify(rejected[0]).slice(0, 300);
      expect(rejected.length, `${rejected.length}/200 rejected, e.g. ${example}`).toBeLessThan(100);
    });
  }

  it('without junk, yields only accepted values for schemas JSON Schema describes fully', () => {
    for (const schema of [
      contracts.createUserBodySchema,
      contracts.updateUserBodySchema,
      contracts.listUsersQuerySchema,
      contracts.createTokenBodySchema,
      contracts.uploadDocumentFieldsSchema,
    ]) {
      fc.assert(
        fc.property(arbitraryFromSchema(toJson(schema)), (v) => {
          const r = schema.safeParse(v);
          if (!r.success) throw new Error(`${JSON.stringify(v)}: ${r.error.message}`);
        }),
        { numRuns: 150 },
      );
    }
  });

  it('with junk, yields both accepted and rejected values', () => {
    const schema = contracts.updateUserBodySchema;
    const samples = fc.sample(arbitraryFromSchema(toJson(schema), { junk: 3 }), { numRuns: 300, seed: 42 });
    const ok = samples.filter((v) => schema.safeParse(v).success).length;
    expect(ok).toBeGreaterThan(10);
    expect(ok).toBeLessThan(290);
  });

  it('handles the keywords zod does not emit for our contracts', () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: {
        a: { type: ['string', 'null'], format: 'date' },
        b: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
        c: { oneOf: [{ const: 'x' }, { type: 'integer', minimum: 5, maximum: 5 }] },
        d: { $ref: '#/components/schemas/D' },
        e: { type: 'array', prefixItems: [{ type: 'boolean' }, { type: 'string', nullable: true }] },
        f: { allOf: [{ type: 'object', properties: { g: { const: 1 } }, required: ['g'] }] },
      },
      required: ['a', 'b', 'c', 'd', 'e', 'f'],
      additionalProperties: false,
    };
    const D: JsonSchema = { type: 'string', enum: ['d1', 'd2'] };
    const check = z.strictObject({
      a: z.iso.date().nullable(),
      b: z.number().gt(0).lt(1),
      c: z.union([z.literal('x'), z.literal(5)]),
      d: z.enum(['d1', 'd2']),
      e: z.tuple([z.boolean(), z.string().nullable()]),
      f: z.object({ g: z.literal(1) }),
    });
    fc.assert(
      fc.property(
        arbitraryFromSchema(schema, {
          resolveRef: (ref) => (ref === '#/components/schemas/D' ? D : undefined),
        }),
        (v) => {
          expect(check.safeParse(v).success).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
