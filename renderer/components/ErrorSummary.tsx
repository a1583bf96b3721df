/**
 * What to fix, at the top of a form: the fields by name, each a link to its
 * control. The messages themselves sit beside the fields, said once.
 */
export function ErrorSummary({
  errors,
  labelOf,
  idOf,
}: {
  errors: Record<string, string>;
  labelOf: (key: string) => string;
  idOf: (key: string) => string | null;
}) {
  const keys = Object.keys(errors);
  if (keys.length === 0) return null;
  // Several problems in one field (a custom profile) are one entry here.
  const fields = [...new Map(keys.map((key) => [labelOf(key), idOf(key)])).entries()];
  return (
    <div className="notice notice--error" role="alert">
      <div>
        <p className="notice-title">
          {fields.length === 1 ? 'Check this field:' : `Check these ${fields.length} fields:`}
        </p>
        <ul className="notice-inline-list">
          {fields.map(([label, id]) => (
            <li key={label}>
              {id ? (
                <a
                  href={`#${id}`}
                  onClick={(event) => {
                    event.preventDefault();
                    document.getElementById(id)?.focus();
                  }}
                >
                  {label}
                </a>
              ) : (
                <span>
                  {label}: {errors[keys.find((key) => labelOf(key) === label) ?? ''] ?? ''}
                </span>
              )}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
