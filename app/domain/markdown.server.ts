// Markdown to safe HTML. Pledge texts and statements are written by users: whatever HTML they contain (script,
// image, iframe, event handlers, javascript: links) is dropped, so it renders inert.
import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

const marked = new Marked({ gfm: true, breaks: false, async: false });

const allowed: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'hr', 'h2', 'h3', 'h4', 'strong', 'em', 'del', 'blockquote', 'code', 'pre', 'ul', 'ol', 'li', 'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td'],
  allowedAttributes: { a: ['href', 'title'], ol: ['start'], th: ['align'], td: ['align'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Headings in user text sit under the page's own h1/h2: demote h1 to h2.
  transformTags: {
    h1: 'h2',
    a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow noopener noreferrer' }),
  },
  nonTextTags: ['style', 'script', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed', 'svg', 'math'],
};

export function renderMarkdown(source: string): string {
  const html = marked.parse(source) as string;
  return sanitizeHtml(html, { ...allowed, allowedAttributes: { ...allowed.allowedAttributes, a: ['href', 'title', 'rel'] } });
}

/** Plain text with line breaks kept (statements, reasons, reports): escaped, never interpreted. */
export function plainText(source: string): string {
  return sanitizeHtml(source, { allowedTags: [], allowedAttributes: {}, disallowedTagsMode: 'escape' });
}
