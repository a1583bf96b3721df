import type { ReactNode } from 'react';
import { Icon } from '../../components/Icon';

/** One numbered step; a done step says so in words as well as with the tick. */
export function GuidanceStep({
  number,
  title,
  state,
  children,
}: {
  number: number;
  title: string;
  state: 'todo' | 'current' | 'done';
  children: ReactNode;
}) {
  return (
    <li className={`step step--${state}`} aria-current={state === 'current' ? 'step' : undefined}>
      <span className="step-marker" aria-hidden="true">
        {state === 'done' ? <Icon name="check" /> : number}
      </span>
      <div className="step-body">
        <p className="step-title">
          {title}
          {state === 'done' && <span className="visually-hidden"> (done)</span>}
        </p>
        {children}
      </div>
    </li>
  );
}
