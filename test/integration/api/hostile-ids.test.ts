import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCatalog } from '../../../main/core/catalog/open-catalog';
import { openConfStore } from '../../../main/core/store/conf-store';
import type { ApiMethod } from '../../../main/core/api/api-methods';
import { createCoreApi } from '../../../main/core/api/core-api';
import { createDispatcher } from '../../../main/core/api/dispatch';
import type { Dispatch } from '../../../main/core/api/dispatch';
import { startCoreHarness } from '../../support/core-harness';
import type { CoreHarness } from '../../support/core-harness';
import { HOSTILE_IDS, HOSTILE_TIMES, ID_TAKING_METHODS, idPositions } from '../../support/hostile-values';

let harness: CoreHarness;
let dispatch: Dispatch;
let partnerId: string;

const connectionInput = () => ({
  partnerId,
  label: 'Orders',
  dialect: 'manual' as const,
  endpoint: '',
});

/** Valid arguments for every method that takes an id; the id positions are replaced by the test. */
const VALID_ARGUMENTS: Partial<Record<ApiMethod, () => unknown[]>> = {
  getConnection: () => [partnerId],
  updatePartner: () => [partnerId, { name: 'Renamed' }],
  removePartner: () => [partnerId],
  updateConnection: () => [partnerId, connectionInput()],
  removeConnection: () => [partnerId],
  renewNow: () => [partnerId],
  copyToken: () => [partnerId],
  readToken: () => [partnerId],
  startSignIn: () => [partnerId],
  finishSignIn: () => [partnerId],
  cancelSignIn: () => [partnerId],
  shareToken: () => [partnerId],
  replaceManualToken: () => [partnerId, 'pt-new-token', Date.UTC(2030, 0, 1)],
  verifyToken: () => [partnerId],
  revokeAllTokens: () => [partnerId],
};

beforeAll(async () => {
  harness = await startCoreHarness();
  dispatch = createDispatcher(createCoreApi(harness.core, { kind: 'browser' }));
  partnerId = harness.core.admin.addPartner({ name: 'Acme' }).id;
});

afterAll(() => harness.close());

describe('ids named like members every object has', () => {
  it('the table of valid arguments covers every method whose contract takes an id', () => {
    expect(ID_TAKING_METHODS.length).toBeGreaterThan(5);
    expect(Object.keys(VALID_ARGUMENTS).sort()).toEqual([...ID_TAKING_METHODS].sort());
  });

  it.each(ID_TAKING_METHODS)(
    '%s refuses each hostile id as a field error and changes nothing',
    async (method) => {
      const before = JSON.stringify(harness.core.snapshot().partners);
      for (const hostile of HOSTILE_IDS) {
        const args = VALID_ARGUMENTS[method]!();
        for (const position of idPositions(method)) args[position] = hostile;
        const result = await dispatch(method, args);

        expect(result).toMatchObject({ ok: false, status: 400, error: { code: 'invalid_input' } });
        const fields = Object.keys((result as { error: { fieldErrors: object } }).error.fieldErrors);
        expect(fields.some((field) => /id$/i.test(field))).toBe(true);
      }
      expect(JSON.stringify(harness.core.snapshot().partners)).toBe(before);
    },
  );

  it('a connection for a partner id like __proto__ or valueOf is refused, as is a history filter with one', async () => {
    for (const hostile of HOSTILE_IDS) {
      const added = await dispatch('addConnection', [{ ...connectionInput(), partnerId: hostile }, {}]);
      const history = await dispatch('getHistory', [{ connectionId: hostile, partnerId: hostile }]);

      expect(added).toMatchObject({ status: 400, error: { fieldErrors: { partnerId: expect.any(String) } } });
      expect(history).toMatchObject({
        status: 400,
        error: { fieldErrors: { 'filter.connectionId': expect.any(String) } },
      });
    }
    expect(harness.core.snapshot().partners.flatMap((p) => p.connections)).toEqual([]);
  });

  it('the catalog itself finds no record under such a name, and the profile opens again after the attempts', async () => {
    const { catalog } = openCatalog(
      openConfStore({ directory: await mkdtemp(join(tmpdir(), 'tokentray-hostile-')) }),
    );
    for (const hostile of HOSTILE_IDS) {
      expect(catalog.partner(hostile)).toBeUndefined();
      expect(catalog.connection(hostile)).toBeUndefined();
      expect(catalog.state(hostile).connectionId).toBe(hostile);
    }
    catalog.updateState('__proto__', { attempt: 1 });
    expect(catalog.state('__proto__').attempt).toBe(1);
    expect(catalog.state('constructor').attempt).toBe(0);
    await catalog.close();
    await dispatch('updatePartner', ['valueOf', { name: 'x' }]);
    const core = await harness.restart();
    dispatch = createDispatcher(createCoreApi(core, { kind: 'browser' }));

    expect(core.snapshot().partners.map((p) => p.name)).toEqual(['Acme']);
    expect(Object.keys(Object.prototype)).toEqual([]);
  });
});

describe('expiry times beyond what a token can have', () => {
  it('are refused as field errors when a token is pasted or a connection added', async () => {
    const connection = await harness.core.admin.addConnection(connectionInput(), {
      partnerToken: 'pt-first',
    });
    for (const at of HOSTILE_TIMES) {
      const replaced = await dispatch('replaceManualToken', [connection.id, `pt-${at}`, at]);
      const added = await dispatch('addConnection', [
        connectionInput(),
        { partnerToken: 'pt-x', tokenExpiresAt: at },
      ]);

      expect(replaced).toMatchObject({
        status: 400,
        error: { fieldErrors: { expiresAt: expect.any(String) } },
      });
      expect(added).toMatchObject({
        status: 400,
        error: { fieldErrors: { 'secrets.tokenExpiresAt': expect.any(String) } },
      });
    }
    expect(await dispatch('shareToken', [connection.id])).toMatchObject({ ok: true });
    await harness.core.admin.removeConnection(connection.id);
  });
});
