import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AccountBook, createAccount, type Account } from './accounts';
import { CONTROL_PREFIX, control } from './control';
import type { DialectEndpoint } from './dialects/dialect';
import { DIALECT_ENDPOINTS, endpointAt } from './dialects/index';
import { oauth2Endpoint } from './dialects/oauth2';
import { faultEffect, FaultQueue } from './faults';
import {
  answer,
  jsonReply,
  PendingTimers,
  readRequest,
  sendAnswer,
  type Answer,
  type SimRequest,
} from './http';
import { issueAccessToken, issueRefreshToken } from './renewal';
import { secretRecorder, type SecretRecorder } from './secret-recorder';
import { REVOCATION_PATH, revocationAccount, revoke } from './revocation';
import type { SimState } from './state';
import { TokenLedger } from './token-family';
import type { Provisioned, SimDialect, Simulator, SimulatorOptions } from './types';
import { VERIFY_PATH, verify } from './verify';

export type * from './types';
export { SIM_DIALECTS } from './types';

/**
 * A partner's token server on 127.0.0.1 that speaks every TokenTray dialect:
 * short lifetimes, refresh-token rotation with reuse detection, revocation and fault injection.
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK_HOSTS.has(host)) throw new Error('The partner simulator binds to loopback addresses only');
  const record = options.recordSecretsTo ? secretRecorder(options.recordSecretsTo) : undefined;
  const state: SimState = {
    url: '',
    now: options.now ?? Date.now,
    accounts: new AccountBook(),
    ledger: new TokenLedger(record),
    jwtKey: randomBytes(32),
  };
  const timers = new PendingTimers();
  const simulator = createSimulatorApi(state, () => closeServer(), record);

  const server = createServer((incoming, response) => {
    void handle(incoming, response);
  });
  async function handle(incoming: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      const request = await readRequest(incoming);
      const result =
        request === 'tooLarge'
          ? answer(jsonReply(413, { error: 'request_too_large' }))
          : await route(request);
      sendAnswer(response, result, state.now(), timers);
    } catch (error) {
      // A bug in the simulator, not a partner behaviour: say so plainly (messages here hold no tokens).
      const message = error instanceof Error ? error.message : String(error);
      if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain' });
      response.end(`Partner simulator bug: ${message}`);
    }
  }
  async function route(request: SimRequest): Promise<Answer> {
    if (request.path.startsWith(CONTROL_PREFIX)) return answer(control(request, simulator));
    if (request.path === VERIFY_PATH) return answer(verify(request, state));
    const endpoint = endpointAt(request.path);
    if (!endpoint && request.path !== REVOCATION_PATH) return answer(jsonReply(404, { error: 'not_found' }));
    if (request.method !== 'POST')
      return answer(jsonReply(405, { error: 'method_not_allowed' }, { Allow: 'POST' }));
    return endpoint ? answerRenewal(endpoint, request) : answerRevocation(request);
  }

  /** Count, then a fault if one is queued, then the response delay, then the real answer. */
  async function answerRenewal(endpoint: DialectEndpoint, request: SimRequest): Promise<Answer> {
    const account = endpoint.identify(request, state);
    if (!account) return answer(endpoint.renew(request, undefined, state));
    account.requestCount += 1;
    const fault = account.faults.take();
    const effect = fault && faultEffect(fault, endpoint.faultSamples);
    if (effect && effect.kind !== 'slowBody') return effect;
    if (account.responseDelayMs > 0) await timers.wait(account.responseDelayMs);
    return { kind: 'reply', reply: endpoint.renew(request, account, state), bodyDelayMs: effect?.delayMs };
  }

  /** Faults apply here too (a 503 from the revocation endpoint), shaped like oauth2's answers. */
  function answerRevocation(request: SimRequest): Answer {
    const account = revocationAccount(request, state);
    const fault = account?.faults.take();
    const effect = fault && faultEffect(fault, oauth2Endpoint.faultSamples);
    if (effect && effect.kind !== 'slowBody') return effect;
    return { kind: 'reply', reply: revoke(request, account, state), bodyDelayMs: effect?.delayMs };
  }

  function closeServer(): Promise<void> {
    timers.clearAll();
    return new Promise((resolve) => {
      server.close(() => resolve());
      // Ends keep-alive sockets and requests left hanging by the 'timeout' fault.
      server.closeAllConnections();
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  state.url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  simulator.url = state.url;
  return simulator;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

function createSimulatorApi(state: SimState, close: () => Promise<void>, record?: SecretRecorder): Simulator {
  const { accounts, ledger } = state;
  return {
    url: '',
    provision: (dialect, options = {}) => {
      const account = createAccount(accounts.nextKey(dialect), dialect, options, new FaultQueue());
      accounts.add(account);
      if (account.clientSecret) record?.(account.clientSecret);
      return provisioned(state, account);
    },
    issuePartnerToken(key, lifetimeSec) {
      const account = accounts.get(key);
      if (account.dialect !== 'manual')
        throw new Error('Only manual accounts get partner tokens from the portal');
      // manual: a new token; the previous one stays usable until its own expiry.
      const token = issueAccessToken(state, account, lifetimeSec);
      return { token: token.value, expiresAt: token.expiresAt ?? 0 };
    },
    inject: (key, fault, times = 1) => accounts.get(key).faults.push(fault, times),
    requestCount: (key) => accounts.get(key).requestCount,
    accessLapses: (key) => {
      const account = accounts.get(key);
      const expired = account.newestAccessExpiresAt !== null && state.now() >= account.newestAccessExpiresAt;
      return account.lapses + (expired ? 1 : 0);
    },
    isAccessTokenLive: (token) => ledger.isLive(token, 'access', state.now()),
    isRefreshTokenLive: (token) => ledger.isLive(token, 'refresh', state.now()),
    familyRevoked: (key) => accounts.get(key).familyRevoked,
    revokedCount: (key) => accounts.get(key).revokedCount,
    setResponseDelay(key, ms) {
      accounts.get(key).responseDelayMs = ms;
    },
    close,
  };
}

function provisioned(state: SimState, account: Account): Provisioned {
  const access = issueAccessToken(state, account);
  const refresh = account.dialect === 'manual' ? undefined : issueRefreshToken(state, account);
  return withoutUndefined({
    dialect: account.dialect,
    key: account.key,
    endpoint: `${state.url}${renewalPath(account.dialect)}`,
    verifyUrl: `${state.url}${VERIFY_PATH}`,
    revocationUrl: account.clientSecret ? `${state.url}${REVOCATION_PATH}` : undefined,
    clientId: account.clientId,
    clientSecret: account.clientSecret,
    partnerIdHeader: account.partnerId,
    apiVersion: account.apiVersion,
    accessToken: access.value,
    refreshToken: refresh?.value,
    expiresAt: access.expiresAt ?? 0,
  });
}

/** Manual tokens have no renewal API: their "endpoint" is the portal, which answers 404. */
function renewalPath(dialect: SimDialect): string {
  return DIALECT_ENDPOINTS.find((endpoint) => endpoint.dialect === dialect)?.path ?? '/portal';
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
