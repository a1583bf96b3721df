/** Every http(s) URL in printed text, with the rest of its line. */
export function printedUrls(text: string): { url: string; after: string }[] {
  return [...text.matchAll(/https?:\/\/[^\s"'<>]*/g)].map((match) => {
    const end = (match.index ?? 0) + match[0].length;
    const lineEnd = text.indexOf('\n', end);
    return { url: match[0], after: text.slice(end, lineEnd === -1 ? undefined : lineEnd) };
  });
}

/**
 * URLs a terminal or a double-click would copy with punctuation stuck to them
 * (`http://127.0.0.1:5000.`): a URL must end in a character a URL ends with, and
 * be followed by a space or the end of its line.
 */
export function urlsWithTrailingPunctuation(text: string): string[] {
  return printedUrls(text)
    .filter(({ url, after }) => /[.,;:!?)\]}]$/.test(url) || (after !== '' && !/^\s/.test(after)))
    .map(({ url }) => url);
}
