export type IconName =
  | 'check'
  | 'copy'
  | 'back'
  | 'alert'
  | 'retry'
  | 'clock'
  | 'renew'
  | 'pause'
  | 'close'
  | 'key'
  | 'search'
  | 'lock'
  | 'info';

/** Stroke paths on a 16×16 grid; colour comes from the text they sit beside. */
const PATHS: Record<IconName, string[]> = {
  check: ['M3.5 8.5l3 3 6-7'],
  copy: ['M5.5 5.5h7v8h-7z', 'M3.5 10.5v-8h7'],
  back: ['M10 3.5L5.5 8l4.5 4.5'],
  alert: ['M8 2.5l6 11H2z', 'M8 6.5v3', 'M8 11.6v.2'],
  retry: ['M13 8a5 5 0 1 1-1.5-3.6', 'M13 2.5v3h-3'],
  clock: ['M8 2.5a5.5 5.5 0 1 0 0 11a5.5 5.5 0 1 0 0-11z', 'M8 5v3.2l2 1.3'],
  renew: [
    'M2.5 8a5.5 5.5 0 0 1 9.6-3.6',
    'M12.5 2v2.6H9.9',
    'M13.5 8a5.5 5.5 0 0 1-9.6 3.6',
    'M3.5 14v-2.6h2.6',
  ],
  pause: ['M6 3.5v9', 'M10 3.5v9'],
  close: ['M4 4l8 8', 'M12 4l-8 8'],
  key: ['M5 5a3 3 0 1 0 0 6a3 3 0 1 0 0-6z', 'M8 8h6', 'M12 8v2.5', 'M14 8v2'],
  search: ['M7 2.5a4.5 4.5 0 1 0 0 9a4.5 4.5 0 1 0 0-9z', 'M10.3 10.3L14 14'],
  lock: ['M4 7.5h8v6H4z', 'M5.5 7.5V5a2.5 2.5 0 0 1 5 0v2.5'],
  info: ['M8 2.5a5.5 5.5 0 1 0 0 11a5.5 5.5 0 1 0 0-11z', 'M8 7.5v3.5', 'M8 5.2v.2'],
};

/** A decorative icon: hidden from assistive technology, the text beside it carries the meaning. */
export function Icon({ name, className }: { name: IconName; className?: string }) {
  return (
    <svg
      className={className ? `icon ${className}` : 'icon'}
      viewBox="0 0 16 16"
      width="16"
      height="16"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.6"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      {PATHS[name].map((d) => (
        <path key={d} d={d} />
      ))}
    </svg>
  );
}
