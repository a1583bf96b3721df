import type { ApiErrorBody, TokenTrayApi } from './api-contract';
import { API_INPUTS } from './api-inputs';
import { API_ARGUMENTS, isApiMethod } from './api-methods';
import { apiFailure, fieldErrorsOf, invalidInput, toApiFailure } from './api-errors';

export { toApiEvent } from './api-events';

export type DispatchResult =
  { ok: true; result: unknown } | { ok: false; status: number; error: ApiErrorBody };

export type Dispatch = (method: string, args: unknown) => Promise<DispatchResult>;

export interface DispatcherOptions {
  /** Told about errors that are not TokenTray's own (bugs); the caller logs what it may, never the raw message. */
  onInternalError?(method: string, error: unknown): void;
}

/**
 * One call of the preload API from outside the process (browser host or Electron IPC):
 * the method must exist, its arguments must match its schema, and errors come back
 * as values the window can show, never as a stack.
 */
export function createDispatcher(api: TokenTrayApi, options: DispatcherOptions = {}): Dispatch {
  return async (method, args) => {
    if (!isApiMethod(method)) {
      return { ok: false, ...apiFailure('unknown_method', 'TokenTray has no such operation.') };
    }
    const names = API_ARGUMENTS[method];
    if (!Array.isArray(args))
      return { ok: false, ...invalidInput({ input: 'The arguments must be a list.' }) };
    const parsed = API_INPUTS[method].safeParse(args);
    if (!parsed.success) {
      const fieldErrors = fieldErrorsOf(parsed.error.issues, (path) => fieldName(names, path));
      if (fieldErrors.input) fieldErrors.input = `Expected ${names.length} argument(s): ${describe(names)}.`;
      return { ok: false, ...invalidInput(fieldErrors) };
    }
    try {
      const call = api[method] as (...values: unknown[]) => Promise<unknown>;
      return { ok: true, result: await call(...(parsed.data as unknown[])) };
    } catch (error) {
      const failure = toApiFailure(error);
      if (failure.status === 500) options.onInternalError?.(method, error);
      return { ok: false, ...failure };
    }
  };
}

/** [1, 'label'] of addConnection is 'label'; [1, 'refreshToken'] of it is 'secrets.refreshToken'. */
function fieldName(names: readonly string[], path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'input';
  const [index, ...rest] = path;
  const argument = typeof index === 'number' ? (names[index] ?? `argument${index + 1}`) : String(index);
  return [argument, ...rest.map(String)].filter((part) => part !== '').join('.');
}

function describe(names: readonly string[]): string {
  return names.length === 0 ? 'none' : names.map((name) => name || 'a form').join(', ');
}
