import { describe, expect, it } from 'vitest';
import { ApiError, toApiError } from '../../../../renderer/api/api-error';

describe('errors the window shows', () => {
  it('keeps an error body that crossed IPC as a plain object, field errors included', () => {
    const error = toApiError({
      code: 'invalid_input',
      message: 'Some fields need attention.',
      guidance: [],
      fieldErrors: { endpoint: 'Use https://' },
    });
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe('invalid_input');
    expect(error.fieldErrors).toEqual({ endpoint: 'Use https://' });
  });

  it('reads an error body a host put in an Error message as JSON', () => {
    const error = toApiError(
      new Error(
        `Error invoking remote method 'tokentray:renewNow': Error: {"code":"not_found","message":"Gone.","guidance":["Reload."]}`,
      ),
    );
    expect(error.code).toBe('not_found');
    expect(error.body.guidance).toEqual(['Reload.']);
  });

  it("drops Electron's remote-method prefix from a plain error message", () => {
    const error = toApiError(
      new Error("Error invoking remote method 'tokentray:copyToken': Error: No token is stored."),
    );
    expect(error.message).toBe('No token is stored.');
    expect(error.code).toBe('unexpected');
  });

  it('turns anything else into a sentence, never a stack', () => {
    const error = toApiError(42);
    expect(error.message).toBe('Something went wrong.');
    expect(error.message).not.toMatch(/at .*\.ts/);
  });
});
