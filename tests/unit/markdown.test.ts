// The sanitiser renders user Markdown inert without losing its text: a tag left open must not swallow what follows.
import { describe, expect, it } from 'vitest';
import { escapeUnclosedRawText, renderMarkdown } from '../../app/domain/markdown.server';

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

describe('renderMarkdown', () => {
  it.each(['math', 'svg'])('keeps the text after an unclosed <%s>, inline or on its own line', (tag) => {
    const inline = renderMarkdown(`We publish every fee <${tag}> and every rule.\n\nWe refuse every facilitation payment.`);
    expect(text(inline)).toBe('We publish every fee and every rule. We refuse every facilitation payment.');
    const block = renderMarkdown(`## Our commitment\n\n<${tag}>\n\n## Fees\n\nWe publish every fee.\n\n- and every rule`);
    expect(block).toContain('<h2>Fees</h2>');
    expect(text(block)).toBe('Our commitment Fees We publish every fee. and every rule');
    expect(block).not.toMatch(new RegExp(`<${tag}`, 'i'));
  });

  it('keeps the text inside svg and math, but never their markup or scripts', () => {
    const html = renderMarkdown('A <svg onload="alert(1)"><script>alert(2)</script><text>drawn</text></svg> and <math><mi>x</mi></math>.');
    expect(text(html)).toBe('A drawn and x.');
    expect(html).not.toMatch(/<svg|<math|<script|onload|alert/i);
  });

  it.each(['script', 'style', 'textarea', 'title', 'iframe', 'noscript', 'xmp'])('an unclosed <%s> shows as text and swallows nothing', (tag) => {
    const html = renderMarkdown(`Before <${tag}> inside.\n\nAfter stays.`);
    expect(html).toContain(`&lt;${tag}&gt;`);
    expect(html).toContain('inside.');
    expect(html).toContain('After stays.');
    expect(html).not.toMatch(new RegExp(`<${tag}`, 'i'));
  });

  it('still drops closed scripts with their content, images, frames, handlers and javascript: links', () => {
    const html = renderMarkdown(
      'Fine. <script>document.cookie</script> <img src=x onerror=alert(1)> <iframe src="https://evil.example"></iframe> [x](javascript:alert(1)) [ok](https://example.org)',
    );
    expect(html).toContain('Fine.');
    for (const forbidden of [/<script/i, /document\.cookie/, /<img/i, /onerror/i, /<iframe/i, /evil\.example/, /javascript:/i])
      expect(html).not.toMatch(forbidden);
    expect(html).toContain('<a href="https://example.org" rel="nofollow noopener noreferrer">ok</a>');
  });

  it('leaves balanced raw-text elements for the sanitiser and escapes only the unbalanced start tag', () => {
    expect(escapeUnclosedRawText('<p>a</p><script>x</script><p>b</p>')).toBe('<p>a</p><script>x</script><p>b</p>');
    // As the parser reads it: the first <style> runs to the first </style>; the second start tag is text inside it.
    expect(escapeUnclosedRawText('<p>a <style> b</p><style>c</style>')).toBe('<p>a <style> b</p><style>c</style>');
    expect(escapeUnclosedRawText('<script>a</script><p>b <script> c</p>')).toBe('<script>a</script><p>b &lt;script> c</p>');
    expect(escapeUnclosedRawText('<p>a <STYLE media="x"> b</p>')).toBe('<p>a &lt;STYLE media="x"> b</p>');
  });
});
