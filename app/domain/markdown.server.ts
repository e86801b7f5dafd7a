// Markdown to safe HTML. Pledge texts and statements are written by users: whatever HTML they contain (script,
// image, iframe, event handlers, javascript: links) is dropped, so it renders inert.
import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

const marked = new Marked({ gfm: true, breaks: false, async: false });

const allowed: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'hr',
    'h2',
    'h3',
    'h4',
    'strong',
    'em',
    'del',
    'blockquote',
    'code',
    'pre',
    'ul',
    'ol',
    'li',
    'a',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: { a: ['href', 'title'], ol: ['start'], th: ['align'], td: ['align'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Headings in user text sit under the page's own h1/h2: demote h1 to h2.
  transformTags: {
    h1: 'h2',
    a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow noopener noreferrer' }),
  },
  // Only code is dropped with its content. Every other disallowed tag (svg, math, iframe …) is dropped but its text
  // is kept, so what the page shows is the text that was stored.
  nonTextTags: ['style', 'script'],
};

// Elements whose content the HTML parser reads as raw text up to their end tag: left open, they would swallow the
// rest of the text (or, for script and style, drop it).
const RAW_TEXT_TAGS = ['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript', 'plaintext'];

/**
 * Escape the start tag of a raw-text element that is never closed, so it shows as the text it is and the text after
 * it stays. As the parser reads them, a raw-text element runs to the first matching end tag and everything inside is
 * text; a closed one is left for the sanitiser (script and style go with their content).
 */
export function escapeUnclosedRawText(html: string): string {
  const tags = new RegExp(`<(/?)(${RAW_TEXT_TAGS.join('|')})\\b[^>]*>`, 'gi');
  for (;;) {
    let inside: { name: string; index: number } | null = null;
    for (const match of html.matchAll(tags)) {
      const name = match[2].toLowerCase();
      if (inside) {
        if (match[1] && name === inside.name) inside = null;
      } else if (!match[1]) inside = { name, index: match.index };
    }
    if (!inside) return html;
    html = `${html.slice(0, inside.index)}&lt;${html.slice(inside.index + 1)}`;
  }
}

export function renderMarkdown(source: string): string {
  const html = escapeUnclosedRawText(marked.parse(source) as string);
  return sanitizeHtml(html, { ...allowed, allowedAttributes: { ...allowed.allowedAttributes, a: ['href', 'title', 'rel'] } });
}

/** Plain text with line breaks kept (statements, reasons, reports): escaped, never interpreted. */
export function plainText(source: string): string {
  return sanitizeHtml(source, { allowedTags: [], allowedAttributes: {}, disallowedTagsMode: 'escape' });
}
