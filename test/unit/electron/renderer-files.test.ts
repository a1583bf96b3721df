import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeOf } from '../../../main/core/api/content-types';
import { resolveRendererFile } from '../../../main/electron/renderer-files';

const ROOT = '/opt/tokentray/dist/renderer';

describe('serving the window from the app scheme', () => {
  it('answers / with index.html and finds the assets', () => {
    expect(resolveRendererFile(ROOT, 'tokentray://app/')).toBe(join(ROOT, 'index.html'));
    expect(resolveRendererFile(ROOT, 'tokentray://app/assets/index-abc.js?v=1#x')).toBe(
      join(ROOT, 'assets', 'index-abc.js'),
    );
  });

  it('never leaves the renderer folder', () => {
    // The URL parser folds dot segments, so these stay inside the folder.
    expect(resolveRendererFile(ROOT, 'tokentray://app/../../etc/passwd')).toBe(join(ROOT, 'etc', 'passwd'));
    expect(resolveRendererFile(ROOT, 'tokentray://app/%2e%2e/%2e%2e/etc/passwd')).toBe(
      join(ROOT, 'etc', 'passwd'),
    );
    // Encoded separators, NUL and broken escapes are refused outright.
    for (const url of [
      'tokentray://app/assets/..%2f..%2f..%2fsecret',
      'tokentray://app/assets%5c..%5c..%5csecret',
      'tokentray://app/index.html%00.png',
      'tokentray://app/%E0%A4%A',
    ]) {
      expect(resolveRendererFile(ROOT, url)).toBeNull();
    }
  });

  it('serves only its own scheme and host', () => {
    expect(resolveRendererFile(ROOT, 'tokentray://other/index.html')).toBeNull();
    expect(resolveRendererFile(ROOT, 'file:///opt/tokentray/dist/renderer/index.html')).toBeNull();
    expect(resolveRendererFile(ROOT, 'https://app/index.html')).toBeNull();
  });

  it('names content types so nothing is sniffed', () => {
    expect(contentTypeOf('index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('assets/app.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('assets/app.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeOf('icon.svg')).toBe('image/svg+xml');
    expect(contentTypeOf('unknown.bin')).toBe('application/octet-stream');
  });
});
