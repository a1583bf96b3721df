import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_METHODS } from '../../main/core/api/api-methods';
import { createCoreApi } from '../../main/core/api/core-api';
import { createDispatcher } from '../../main/core/api/dispatch';
import type { Dispatch, DispatchResult } from '../../main/core/api/dispatch';
import type { CoreHarness } from '../support/core-harness';
import { startCoreHarness } from '../support/core-harness';
import { HOSTILE_IDS, HOSTILE_TIMES } from '../support/hostile-values';

/** A few hundred calls: enough to cross every method with hostile input, short enough for every `npm test`. */
const CALLS = 300;
const SEED = Number(process.env.TOKENTRAY_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));

let harness: CoreHarness;
let dispatch: Dispatch;
let realIds: string[];

beforeAll(async () => {
  harness = await startCoreHarness();
  dispatch = createDispatcher(createCoreApi(harness.core, { kind: 'browser' }));
  const partner = harness.core.admin.addPartner({ name: 'Acme', contactEmail: 'ops@acme.example' });
  const manual = await harness.core.admin.addConnection(
    { partnerId: partner.id, label: 'Portal token', dialect: 'manual' },
    { partnerToken: 'pt-fuzz-first' },
  );
  realIds = [partner.id, manual.id];
});

afterAll(() => harness?.close());

/** What a person would see as the state: the snapshot without its timestamp, and the history. */
function visibleState(): string {
  const { at: _at, ...rest } = harness.core.snapshot();
  return JSON.stringify({ rest, history: harness.core.history({ limit: 1000 }) });
}

const KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'name',
  'id',
  'partnerId',
  'label',
  'dialect',
  'endpoint',
  'expiresAt',
  'tokenExpiresAt',
  'limit',
  'status',
  'theme',
  'renewalsPaused',
];

function argumentArb(): fc.Arbitrary<unknown> {
  const leaf = fc.oneof(
    fc.constantFrom(...HOSTILE_IDS),
    fc.constantFrom(...HOSTILE_TIMES),
    fc.constantFrom(...realIds),
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom(
      'manual',
      'oauth2',
      'custom',
      'pt-fuzz-token',
      '{"format":"tokentray-export","version":1,"partners":[],"connections":[]}',
    ),
  );
  return fc.oneof(
    leaf,
    fc.dictionary(fc.constantFrom(...KEYS), leaf, { maxKeys: 6 }),
    fc.dictionary(fc.constantFrom(...KEYS), fc.dictionary(fc.constantFrom(...KEYS), leaf, { maxKeys: 3 }), {
      maxKeys: 3,
    }),
  );
}

const callArb = () =>
  fc.record({
    method: fc.oneof(
      { weight: 9, arbitrary: fc.constantFrom(...API_METHODS) },
      { weight: 1, arbitrary: fc.constantFrom('constructor', '__proto__', 'toString', 'nope') },
    ),
    args: fc.oneof(
      { weight: 9, arbitrary: fc.array(argumentArb(), { maxLength: 4 }) },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
    ),
  });

function isWellFormedRefusal(result: DispatchResult): boolean {
  if (result.ok) return false;
  const body = JSON.parse(JSON.stringify(result.error)) as Record<string, unknown>;
  return (
    result.status >= 400 &&
    result.status < 500 &&
    typeof body.code === 'string' &&
    typeof body.message === 'string' &&
    Array.isArray(body.guidance)
  );
}

describe('the dispatcher under arbitrary calls', () => {
  it('answers every call with a success or a 4xx JSON error, changes nothing it refuses, and the profile opens again', async () => {
    console.log(`dispatcher fuzz seed: ${SEED} (rerun with TOKENTRAY_FUZZ_SEED=${SEED})`);
    const prototypeKeys = Reflect.ownKeys(Object.prototype);
    const answered = { succeeded: 0, refused: 0 };

    await fc.assert(
      fc.asyncProperty(callArb(), async ({ method, args }) => {
        const before = visibleState();
        const result = await dispatch(method, args);
        await harness.core.idle();

        answered[result.ok ? 'succeeded' : 'refused'] += 1;
        if (result.ok) {
          expect(() => JSON.stringify(result.result ?? null)).not.toThrow();
        } else {
          expect(isWellFormedRefusal(result), `${method}: ${result.status} ${result.error.code}`).toBe(true);
          expect(visibleState()).toBe(before);
        }
        expect(Reflect.ownKeys(Object.prototype)).toEqual(prototypeKeys);
        expect(({} as Record<string, unknown>).name).toBeUndefined();
      }),
      { seed: SEED, numRuns: CALLS, endOnFailure: true },
    );

    console.log(`dispatcher fuzz: ${answered.succeeded} calls succeeded, ${answered.refused} refused`);
    // Not vacuous: the run reached the core as well as the validation in front of it.
    expect(answered.succeeded).toBeGreaterThan(0);
    const before = visibleState();
    const core = await harness.restart();
    const { at: _at, ...after } = core.snapshot();

    expect(after.damaged).toBeNull();
    expect(JSON.parse(before).rest.partners).toEqual(JSON.parse(JSON.stringify(after.partners)));
  }, 120_000);
});
