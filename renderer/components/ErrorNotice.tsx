import type { ApiError } from '../api/api-error';
import { Icon } from './Icon';

/** An error as the host phrased it: what happened, then what to do. Never a stack or a raw body. */
export function ErrorNotice({ error, title }: { error: ApiError; title?: string }) {
  return (
    <div className="notice notice--error" role="alert">
      <Icon name="alert" />
      <div>
        <p className="notice-title">{title ?? error.message}</p>
        {title && <p>{error.message}</p>}
        {error.body.guidance.length > 0 && (
          <ul className="notice-list">
            {error.body.guidance.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
