/** The first 12 hex digits of a token's SHA-256: enough to tell tokens apart, never the token. */
export function Fingerprint({ value }: { value: string }) {
  return (
    <code className="fingerprint" title="Fingerprint: the start of the token's SHA-256">
      {value}
    </code>
  );
}
