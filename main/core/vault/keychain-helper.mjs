// The keychain helper: keytar in a process of its own, started by KeychainHelperClient.
// libsecret keeps the D-Bus connection of its first call, so a keychain daemon restarted
// mid-run is reached only by a new process: the app replaces this helper rather than the app.
// Plain JavaScript so that Node (tests, the browser host) and Electron's utility process run it as is.
// It answers requests by id, several at once, and writes nothing anywhere but its replies.

/** Electron's utility process talks through parentPort; Node's fork through process.send. */
const parentPort = process.parentPort;

/** @param {unknown} message */
function reply(message) {
  if (parentPort) parentPort.postMessage(message);
  else process.send?.(message);
}

if (parentPort) {
  parentPort.on('message', (event) => void answer(event.data));
} else {
  process.on('message', (request) => void answer(request));
  // The app is gone (or closed its end): nothing will ask again.
  process.on('disconnect', () => process.exit(0));
}

/** @type {Promise<typeof import('keytar')> | undefined} */
let keytar;

function loadKeytar() {
  keytar ??= import('keytar').then(
    (module) => module.default ?? module,
    () => {
      keytar = undefined;
      throw new Error('the keytar module could not be loaded');
    },
  );
  return keytar;
}

/** @type {Record<string, (keytar: typeof import('keytar'), request: any) => Promise<unknown>>} */
const operations = {
  get: (k, { service, account }) => k.getPassword(service, account),
  set: (k, { service, account, secret }) => k.setPassword(service, account, secret),
  delete: (k, { service, account }) => k.deletePassword(service, account),
  // Account names only: the other items' secrets, which findCredentials reads, never leave this process.
  list: async (k, { service }) => (await k.findCredentials(service)).map((credential) => credential.account),
  // One search for many items, where a get per item costs a Secret Service round trip each;
  // only the accounts asked for leave this process.
  readMany: async (k, { service, accounts }) => {
    const wanted = new Set(accounts);
    return (await k.findCredentials(service))
      .filter((credential) => wanted.has(credential.account))
      .map((credential) => [credential.account, credential.password]);
  },
};

/** @param {any} request */
async function answer(request) {
  const id = request?.id;
  if (typeof id !== 'number') return;
  try {
    const operation = operations[request.op];
    if (!operation) throw new Error(`unknown keychain operation ${String(request.op).slice(0, 20)}`);
    const value = await operation(await loadKeytar(), request);
    reply({ id, ok: true, value: value ?? null });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const secret =
      typeof request.secret === 'string' && request.secret.length > 0 ? request.secret : undefined;
    // keytar's messages hold no secrets; the one in hand is taken out all the same.
    reply({ id, ok: false, message: secret ? message.split(secret).join('[redacted]') : message });
  }
}
