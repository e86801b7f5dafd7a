import { renderMarkdown } from '../../app/domain/markdown.server';
import { builder } from '../builder';
import { ArushaFactor } from './enums';

export const PledgeVersion = builder.prismaObject('PledgeVersion', {
  description: 'A published, immutable text of a pledge.',
  fields: (t) => ({
    number: t.exposeInt('number'),
    title: t.exposeString('title'),
    body: t.exposeString('body'),
    bodyHtml: t.string({ resolve: (v) => renderMarkdown(v.body) }),
    factors: t.field({ type: [ArushaFactor], resolve: (v) => v.factors }),
    changeNote: t.exposeString('changeNote', { nullable: true }),
    publishedAt: t.expose('publishedAt', { type: 'DateTime' }),
  }),
});
