import { TokenTrayError } from '../core/domain';

/** Past this, a stop that hangs (a keychain prompt, say) gives way to a plain exit. */
const STOP_TIMEOUT_MS = 10_000;

/**
 * SIGINT (Ctrl+C) and SIGTERM stop cleanly, once. Later signals are ignored: Ctrl+C
 * reaches npm, tsx and this process at once, and tsx relays its copy too.
 */
export function stopOnSignals(stop: () => Promise<void>): void {
  let stopping = false;
  const onSignal = () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(1), STOP_TIMEOUT_MS).unref();
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

/** Why the host could not start: one sentence, then the steps to take when the error names them. */
export function startupFailure(error: unknown, port: number): string {
  // The guidance too: a refused join code says what to ask for, a locked profile what to start.
  if (error instanceof TokenTrayError)
    return [error.message, ...error.guidance.map((step) => `  - ${step}`)].join('\n');
  if ((error as NodeJS.ErrnoException | undefined)?.code === 'EADDRINUSE') {
    return `Port ${port} is already in use on 127.0.0.1. Choose another with --port, or 0 for a free one.`;
  }
  const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return `TokenTray could not start: ${detail}`;
}
