import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { headingTexts } from '../../../shared/summary/docBlocks';
import { draftSummary } from '../../../shared/summary/draftSummary';
import { renderSummaryDocument } from '../../../shared/summary/documentModel';
import {
  addBuiltInSection,
  addFreeSection,
  defaultSections,
  freeSectionText,
  missingBuiltIns,
  moveSection,
  parseFreeText,
  removeSection,
  renameSection,
  setFreeSectionBlocks,
  summarySections,
} from '../../../shared/summary/sections';
import { isSummaryPartKey, readSummary, writeSummary } from '../../../shared/summary/summaryDoc';
import { fixtureDraftInput, loadFixture } from '../../helpers/fixtureBoards';
import { lessonsLearnedInput } from '../../helpers/summaryBlocks';

const fixture = loadFixture();
const summary = draftSummary(fixtureDraftInput(fixture));
const ids = (s: typeof summary) => summarySections(s).map((x) => x.id);

describe('summary sections', () => {
  it('derives the default SCIE list when the summary has none (older summaries)', () => {
    expect(summary.sections).toBeUndefined();
    expect(summarySections(summary)).toEqual(defaultSections());
    expect(headingTexts(renderSummaryDocument(summary), 1)).toEqual([
      ...fixture.expectedInSummary.sections.slice(0, 5),
      'Cross-cutting themes',
      ...fixture.expectedInSummary.sections.slice(5),
      'Participation',
    ]);
  });

  it('adds, renames, reorders and removes sections, and the document follows', () => {
    let s = addFreeSection(summary, 'The national perspective', parseFreeText('James Bullion raised:\n\n- Coproduction matters\n- Councils are the right home'), 4);
    s = addFreeSection(s, 'Top 10 lessons');
    expect(ids(s).slice(3, 6)).toEqual(['agenda', 'section-1', 'sessionNotes']);
    expect(ids(s).at(-1)).toBe('section-2');
    s = renameSection(s, 'keyMessages', 'Key learning from groups');
    s = moveSection(moveSection(s, 'section-2', 'up'), 'section-2', 'up');
    s = moveSection(s, 'themes', 0);
    s = removeSection(s, 'participation');
    const blocks = renderSummaryDocument(s);
    const h1 = headingTexts(blocks, 1);
    expect(h1[0]).toBe('Cross-cutting themes');
    expect(h1).toContain('Key learning from groups');
    expect(h1).not.toContain('Key messages from groups');
    expect(h1).not.toContain('Participation');
    expect(h1.indexOf('The national perspective')).toBe(h1.indexOf('Agenda') + 1);
    expect(h1.slice(-2)).toEqual(['Top 10 lessons', 'Appendix']);
    const at = blocks.findIndex((b) => b.kind === 'heading' && b.text === 'The national perspective');
    expect(blocks.slice(at + 1, at + 3)).toEqual([
      { kind: 'paragraph', text: 'James Bullion raised:' },
      { kind: 'bullets', items: [{ text: 'Coproduction matters' }, { text: 'Councils are the right home' }] },
    ]);
    expect(missingBuiltIns(s)).toEqual(['participation']);
    expect(ids(addBuiltInSection(s, 'participation', 1))[1]).toBe('participation');
    expect(addBuiltInSection(s, 'themes')).toBe(s);
    // A blank name restores a built-in's default heading.
    expect(headingTexts(renderSummaryDocument(renameSection(s, 'keyMessages', '  ')), 1)).toContain('Key messages from groups');
    expect(() => removeSection(s, 'nope')).toThrow();
    expect(() => setFreeSectionBlocks(s, 'themes', [])).toThrow();
    expect(summary.sections).toBeUndefined();
  });

  it('never reuses a free-section id and keeps moves in range', () => {
    let s = addFreeSection(addFreeSection(summary, 'A'), 'B');
    s = addFreeSection(removeSection(s, 'section-1'), 'C');
    expect(ids(s).filter((id) => id.startsWith('section-'))).toEqual(['section-2', 'section-3']);
    expect(moveSection(s, 'title', 'up')).toBe(s);
    expect(ids(moveSection(s, 'title', 99)).at(-1)).toBe('title');
  });

  it('reads free-section text as paragraphs and bullets, and writes it back', () => {
    const text = 'First line\ncontinues here.\n\n- one\n* two\n\nAfter.';
    const blocks = parseFreeText(text);
    expect(blocks).toEqual([
      { kind: 'paragraph', text: 'First line continues here.' },
      { kind: 'bullets', items: ['one', 'two'] },
      { kind: 'paragraph', text: 'After.' },
    ]);
    expect(parseFreeText(freeSectionText(blocks))).toEqual(blocks);
  });

  it('stores sections and layout as their own parts of the summary document, and survives a re-draft', () => {
    const shaped = renameSection(addFreeSection(summary, 'Principles'), 'method', 'How we worked');
    const doc = new Y.Doc();
    writeSummary(doc, { ...shaped, layout: 'by-question' });
    const map = doc.getMap<string>('summary');
    expect(map.get('sections')).toBeDefined();
    expect(map.get('layout')).toBe('"by-question"');
    for (const key of map.keys()) expect(isSummaryPartKey(key)).toBe(true);
    const read = readSummary(doc);
    expect(read?.sections).toEqual(shaped.sections);
    expect(read?.layout).toBe('by-question');
    const redrafted = draftSummary(fixtureDraftInput(fixture), read ?? undefined);
    expect(redrafted.sections).toEqual(shaped.sections);
    expect(redrafted.layout).toBe('by-question');
  });

  it('reads an older stored summary (no sections, no layout parts) with the default list', () => {
    const doc = new Y.Doc();
    writeSummary(doc, { ...summary, sessionNotes: 'Valentina and Anthony opened the day.' });
    doc.getMap<string>('summary').delete('layout');
    const read = readSummary(doc);
    expect(read?.sections).toBeUndefined();
    const h1 = headingTexts(renderSummaryDocument(read!), 1);
    expect(h1.indexOf('Session notes')).toBe(h1.indexOf('Agenda') + 1);
  });

  it('words the method from the template: Appreciative Inquiry only for an AI event', () => {
    const ai = draftSummary(fixtureDraftInput(fixture));
    expect(headingTexts(renderSummaryDocument(ai), 1)).toContain('Thinking appreciatively');
    const aiByTemplate = draftSummary({ ...lessonsLearnedInput(), event: { ...lessonsLearnedInput().event, templateId: 'appreciative-inquiry-4d' } });
    expect(headingTexts(renderSummaryDocument(aiByTemplate), 1)).toContain('Thinking appreciatively');
    expect(aiByTemplate.appendix.method).toMatch(/Appreciative Inquiry/);
    for (const templateId of ['lessons-learned', 'soar', 'custom']) {
      const lessons = draftSummary(lessonsLearnedInput({ templateId }));
      const text = JSON.stringify(renderSummaryDocument(lessons));
      expect(text).not.toMatch(/appreciativ|\bAI\b/i);
      expect(headingTexts(renderSummaryDocument(lessons), 1)).toContain('How the workshop worked');
    }
  });
});
