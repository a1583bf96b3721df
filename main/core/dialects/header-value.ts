/**
 * Whether a header value can go on the wire as it is: no line break or other control character
 * (a tab is allowed), nothing beyond Latin-1, which is all HTTP/1.1 header bytes can carry.
 */
export function isSendableHeaderValue(value: string): boolean {
  return (
    !/\p{Cc}/u.test(value.replaceAll('\t', '')) &&
    [...value].every((character) => character.charCodeAt(0) <= 0xff)
  );
}
