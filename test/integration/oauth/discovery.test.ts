import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../../main/core/domain/errors';
import { AxiosHttpClient } from '../../../main/core/http/axios-http-client';
import { discoverIssuer } from '../../../main/core/oauth/discovery';
import { startOidcServer, type OidcServer } from '../../support/oidc-server';

const http = new AxiosHttpClient();

/** A server that answers every well-known request with what the test gives it. */
async function metadataServer(answer: (issuer: string) => { status: number; body: string }): Promise<{
  issuer: string;
  close(): Promise<void>;
}> {
  let issuer = '';
  const server: Server = createServer((_request, response) => {
    const { status, body } = answer(issuer);
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { issuer, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function fieldErrorOf(issuer: string): Promise<string> {
  const error = await discoverIssuer(issuer, http).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ValidationError);
  const message = (error as ValidationError).fieldErrors['settings.issuer'];
  expect(message).toBeDefined();
  return message ?? '';
}

describe('discovery from an issuer URL', () => {
  let oidc: OidcServer;
  beforeAll(async () => {
    oidc = await startOidcServer();
  });
  afterAll(async () => {
    await oidc.close();
  });

  it("fills the token, authorization and revocation endpoints and Basic client auth from the server's metadata", async () => {
    const found = await discoverIssuer(oidc.issuer, http);
    expect(found).toEqual({
      issuer: oidc.issuer,
      tokenEndpoint: `${oidc.issuer}/token`,
      authorizationEndpoint: `${oidc.issuer}/auth`,
      revocationEndpoint: `${oidc.issuer}/token/revocation`,
      authMethod: 'basic',
      grantTypes: expect.arrayContaining(['authorization_code', 'client_credentials', 'refresh_token']),
    });
  });

  it('picks client authentication in the body when the server supports only client_secret_post', async () => {
    const server = await metadataServer((issuer) => ({
      status: 200,
      body: JSON.stringify({
        issuer,
        token_endpoint: `${issuer}/oauth/token`,
        token_endpoint_auth_methods_supported: ['client_secret_post'],
      }),
    }));
    try {
      const found = await discoverIssuer(server.issuer, http);
      expect(found.authMethod).toBe('body');
      expect(found.authorizationEndpoint).toBeUndefined();
    } finally {
      await server.close();
    }
  });

  it('says the server publishes no metadata when both well-known documents are missing', async () => {
    const server = await metadataServer(() => ({ status: 404, body: '{"error":"not_found"}' }));
    try {
      expect(await fieldErrorOf(server.issuer)).toBe(
        'The server publishes no OAuth metadata at this issuer URL.',
      );
    } finally {
      await server.close();
    }
  });

  it('says the metadata is not valid when it is not JSON', async () => {
    const server = await metadataServer(() => ({ status: 200, body: '<html>hello</html>' }));
    try {
      expect(await fieldErrorOf(server.issuer)).toMatch(/not valid OAuth metadata/);
    } finally {
      await server.close();
    }
  });

  it('refuses metadata naming a token endpoint on another host than the issuer', async () => {
    const server = await metadataServer((issuer) => ({
      status: 200,
      body: JSON.stringify({ issuer, token_endpoint: 'https://collector.attacker.example/token' }),
    }));
    try {
      expect(await fieldErrorOf(server.issuer)).toMatch(
        /token endpoint on another host \(collector\.attacker\.example\) than the issuer/,
      );
    } finally {
      await server.close();
    }
  });

  it('refuses metadata naming another issuer than the URL entered', async () => {
    const server = await metadataServer((issuer) => ({
      status: 200,
      body: JSON.stringify({ issuer: `${issuer}/other`, token_endpoint: `${issuer}/token` }),
    }));
    try {
      expect(await fieldErrorOf(server.issuer)).toMatch(/different issuer/);
    } finally {
      await server.close();
    }
  });

  it('says the issuer cannot be reached when nothing listens there', async () => {
    const server = await metadataServer(() => ({ status: 404, body: '' }));
    const { issuer } = server;
    await server.close();
    expect(await fieldErrorOf(issuer)).toMatch(/^The issuer could not be reached: .*refused/);
  });

  it('refuses a plain http issuer that is not this computer', async () => {
    expect(await fieldErrorOf('http://login.partner.example')).toMatch(/must use https/);
  });
});
