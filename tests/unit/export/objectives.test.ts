import { documentOf } from '../../helpers/summaryBlocks';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { toDocx } from '../../../server/export/toDocx';
import { toHtml } from '../../../server/export/toHtml';
import { toMarkdown } from '../../../server/export/toMarkdown';
import { toPdf } from '../../../server/export/toPdf';
import { objectiveSchema } from '../../../shared/schemas';
import { draftSummary } from '../../../shared/summary/draftSummary';
import type { DocBlock } from '../../../shared/summary/docBlocks';
import { renderSummaryDocument } from '../../../shared/summary/documentModel';
import { frontMatterOf, objectiveParts } from '../../../shared/summary/summaryModel';
import { fixtureDraftInput } from '../../helpers/fixtureBoards';
import { pdfPageTexts } from '../../helpers/pdfText';
import { draftOf, fieldErrors, moveItem } from '../../../client/src/eventDetails/detailsDraft';

// Objectives may carry one level of sub-points (SCIE summaries nest them); every export keeps the nesting.

const objectives = ['Reflect on what worked', { text: 'Agree next steps', points: ['Who leads', 'By <when>'] }];

function objectiveBlocks(): DocBlock[] {
  const input = fixtureDraftInput();
  return renderSummaryDocument(draftSummary({ ...input, event: { ...input.event, objectives } }));
}

describe('nested objectives', () => {
  it('the document model gives sub-points to the objective that has them', () => {
    const blocks = objectiveBlocks();
    const heading = blocks.findIndex((b) => b.kind === 'heading' && b.text === 'Learning objectives');
    expect(blocks[heading + 1]).toEqual({
      kind: 'bullets',
      items: [{ text: 'Reflect on what worked' }, { text: 'Agree next steps', points: ['Who leads', 'By <when>'] }],
    });
  });

  it('Markdown nests the sub-points under their objective, escaped', () => {
    expect(toMarkdown(documentOf(objectiveBlocks()))).toContain('- Reflect on what worked\n- Agree next steps\n  - Who leads\n  - By \\<when\\>\n');
  });

  it('HTML nests a list inside the objective’s item, escaped', () => {
    expect(toHtml(documentOf(objectiveBlocks()))).toContain('<li>Agree next steps\n<ul>\n<li>Who leads</li>\n<li>By &#60;when&#62;</li>\n</ul></li>');
  });

  it('Word uses second-level bullets; PDF prints the sub-points after their objective', async () => {
    const zip = await JSZip.loadAsync(await toDocx(documentOf(objectiveBlocks())));
    const xml = await zip.file('word/document.xml')!.async('string');
    const whoLeads = xml.slice(xml.lastIndexOf('<w:p>', xml.indexOf('Who leads')), xml.indexOf('Who leads'));
    expect(whoLeads).toContain('<w:ilvl w:val="1"/>');
    const text = (await pdfPageTexts(await toPdf(documentOf(objectiveBlocks())))).join(' ');
    expect(text).toMatch(/Agree next steps\s+\u2013\s+Who leads\s+\u2013\s+By <when>/);
  });
});

describe('objective helpers', () => {
  it('reads plain-text objectives (older events) and nested ones alike', () => {
    expect(objectiveParts('Learn')).toEqual({ text: 'Learn', points: [] });
    expect(objectiveParts({ text: 'Plan', points: ['Soon'] })).toEqual({ text: 'Plan', points: ['Soon'] });
  });

  it('the schema stores an objective without sub-points as plain text', () => {
    expect(objectiveSchema.parse('  Learn ')).toBe('Learn');
    expect(objectiveSchema.parse({ text: 'Learn', points: [] })).toBe('Learn');
    expect(objectiveSchema.parse({ text: 'Plan', points: [' Soon '] })).toEqual({ text: 'Plan', points: ['Soon'] });
  });

  it('frontMatterOf keeps only the front matter fields', () => {
    const event = { ...fixtureDraftInput().event, id: 'x', joinCode: 'ABCDEF' };
    expect(Object.keys(frontMatterOf(event)).sort()).toEqual(['agenda', 'date', 'introduction', 'objectives', 'organiser', 'title']);
  });
});

describe('the event details form’s draft (client/src/eventDetails/detailsDraft.ts)', () => {
  const event = { ...fixtureDraftInput().event, id: 'x', joinCode: 'ABCDEF', templateId: 'ai', assignmentMode: 'self-select' as const, createdAt: '', objectives };

  it('edits every objective as text and points, and moves rows within bounds', () => {
    expect(draftOf(event).objectives).toEqual([{ text: 'Reflect on what worked', points: [] }, objectives[1]]);
    expect(moveItem(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moveItem(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
  });

  it('puts each error on its field: blank rows and the schema’s refusals', () => {
    const draft = draftOf(event);
    draft.title = ' ';
    draft.objectives[1]!.points.push('');
    draft.agenda.push({ item: '', who: 'a\u202Eb' });
    const errors = fieldErrors(draft);
    expect(errors.title).toBe('Please give the event a title.');
    expect(errors['objectives.1.points.2']).toBe('Write the sub-point or remove it.');
    expect(errors[`agenda.${draft.agenda.length - 1}.item`]).toBe('Write the agenda item or remove the row.');
    expect(errors[`agenda.${draft.agenda.length - 1}.who`]).toMatch(/direction/);
    expect(fieldErrors(draftOf(event))).toEqual({});
  });
});
