import { TEMPLATE_VARIABLES, type TemplateVariable } from '../domain/renewal-profile';

/** `{{name}}`, spaces inside the braces allowed. */
const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;
const WHOLE_PLACEHOLDER = /^\{\{\s*([A-Za-z0-9_]+)\s*\}\}$/;

export type TemplateValue = string | number;
export type TemplateValues = Partial<Record<TemplateVariable, TemplateValue>>;

export function isTemplateVariable(name: string): name is TemplateVariable {
  return (TEMPLATE_VARIABLES as readonly string[]).includes(name);
}

/** The names a template refers to, in order, each once (known or not). */
export function placeholdersIn(template: string): string[] {
  const names = [...template.matchAll(PLACEHOLDER)].map((match) => match[1] ?? '');
  return [...new Set(names)];
}

/** Braces left over once the placeholders are taken out: a typo such as `{{refreshToken}` or `{{ client id }}`. */
export function hasStrayBraces(template: string): boolean {
  const rest = template.replace(PLACEHOLDER, '');
  return rest.includes('{{') || rest.includes('}}');
}

/**
 * Fills every placeholder in one pass, so a value that itself contains `{{…}}` is never expanded.
 * A template that is exactly one placeholder keeps the value's type (an int32 stays a number in JSON).
 * Returns undefined when a placeholder has no value: the caller decides whether that is an error.
 */
export function fillTemplate(template: string, values: TemplateValues): TemplateValue | undefined {
  const whole = WHOLE_PLACEHOLDER.exec(template);
  if (whole) return valueOf(whole[1] ?? '', values);
  let missing = false;
  const filled = template.replace(PLACEHOLDER, (_match, name: string) => {
    const value = valueOf(name, values);
    if (value === undefined) missing = true;
    return value === undefined ? '' : String(value);
  });
  return missing ? undefined : filled;
}

function valueOf(name: string, values: TemplateValues): TemplateValue | undefined {
  if (!isTemplateVariable(name)) return undefined;
  const value = values[name];
  return value === '' ? undefined : value;
}
