import type { z } from 'zod';
import { isSendableHeaderValue } from './header-value';
import { RenewalProfileSchema, TEMPLATE_VARIABLES, type RenewalProfile } from '../domain/renewal-profile';
import { hasStrayBraces, isTemplateVariable, placeholdersIn } from './template';

export type CustomProfileCheck =
  { ok: true; profile: RenewalProfile } | { ok: false; errors: Record<string, string> };

/** Headers the HTTP layer or the profile's own settings write: a custom header must not fight them. */
const MANAGED_HEADERS = new Set([
  'host',
  'content-length',
  'transfer-encoding',
  'connection',
  'content-type',
]);
const BODY_AUTH_FIELDS = ['client_id', 'client_secret'];

/**
 * Checks a profile a person wrote in the app. Errors are keyed by the field's dotted path
 * (`request.headers.X-Api-Key`) with a sentence for the form.
 */
export function validateCustomProfile(input: unknown): CustomProfileCheck {
  const parsed = RenewalProfileSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: formErrors(parsed.error) };
  const profile = parsed.data;
  const { request } = profile;
  const errors: Record<string, string> = {};
  const add = (path: string, message: string) => {
    errors[path] ??= message;
  };

  for (const [name, template] of Object.entries(request.headers)) {
    const path = `request.headers.${name}`;
    checkTemplate(template, path, add);
    if (!isSendableHeaderValue(template)) {
      add(path, 'A header value cannot contain line breaks or control characters.');
    }
    const lower = name.toLowerCase();
    if (MANAGED_HEADERS.has(lower)) add(path, `TokenTray sets the ${name} header itself.`);
    if (lower === 'authorization' && (request.clientAuth !== 'none' || request.bearerAccessToken)) {
      add(path, 'The Authorization header is already set by the client authentication or the Bearer option.');
    }
  }
  for (const [name, template] of Object.entries(request.body.fields)) {
    checkTemplate(template, `request.body.fields.${name}`, add);
    if (request.clientAuth !== 'none' && request.clientAuth !== 'basic' && BODY_AUTH_FIELDS.includes(name)) {
      add(`request.body.fields.${name}`, `The client authentication already adds ${name} to the body.`);
    }
  }
  if (request.body.wrapIn !== undefined && request.body.encoding !== 'json') {
    add('request.body.wrapIn', 'Only a JSON body can be wrapped in an outer field.');
  }
  // Basic and Bearer both need the one Authorization header.
  if (request.bearerAccessToken && (request.clientAuth === 'basic' || request.clientAuth === 'connection')) {
    add(
      'request.bearerAccessToken',
      'Bearer cannot be combined with HTTP Basic client authentication; choose one.',
    );
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, profile };
}

function checkTemplate(template: string, path: string, add: (path: string, message: string) => void): void {
  const unknown = placeholdersIn(template).filter((name) => !isTemplateVariable(name));
  if (unknown.length > 0) {
    add(
      path,
      `Unknown placeholder ${unknown.map((name) => `{{${name}}}`).join(', ')}. ` +
        `Use one of: ${TEMPLATE_VARIABLES.map((name) => `{{${name}}}`).join(', ')}.`,
    );
  } else if (hasStrayBraces(template)) {
    add(path, 'A placeholder is written {{name}}, with two braces on each side and no spaces in the name.');
  }
}

function formErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || 'profile';
    // A bad record key (a header name) carries the useful sentence one level down.
    const inner = issue.code === 'invalid_key' ? issue.issues[0]?.message : undefined;
    const message = /received undefined/.test(issue.message)
      ? 'This field is required.'
      : (inner ?? issue.message);
    errors[path] ??= message;
  }
  return errors;
}
