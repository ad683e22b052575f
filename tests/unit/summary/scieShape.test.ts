import { describe, expect, it } from 'vitest';
import type { DocBlock } from '../../../shared/summary/docBlocks';
import { headingTexts } from '../../../shared/summary/docBlocks';
import { draftSummary } from '../../../shared/summary/draftSummary';
import { renderSummaryDocument } from '../../../shared/summary/documentModel';
import { addFreeSection, keyMessageLayout, summarySections, type FreeBlock } from '../../../shared/summary/sections';
import { fixtureDraftInput, loadFixture } from '../../helpers/fixtureBoards';

// The SCIE shape: drafting the ADASS East fixture and adding the reference's speaker sessions as free
// sections reproduces the published summary (SCIE, 18 June 2021): each of the 27 group key messages
// under its room, and each speaker session as its own section with its own text.
//
// The reference lives outside the repository, so the parts needed here are copied below. Each of the
// 27 key messages is listed with the fixture card(s) that carry it (the fixture rewords a few and
// splits four of them over two cards); the fixture also has near-duplicates and one closing remark,
// which are not among the 27.

interface ReferenceMessage {
  /** The key message as the reference summary prints it (abridged where long). */
  reference: string;
  /** The start of each fixture card that reproduces it. */
  cards: string[];
}

const referenceKeyMessages: Record<string, ReferenceMessage[]> = {
  'Provider market': [
    { reference: 'Relationships between practitioners and providers had improved', cards: ['Relationships between practitioners and providers improved'] },
    { reference: 'Better communication- some used Facebook to talk with providers', cards: ['Better communication - some of us used Facebook'] },
    { reference: 'Getting round the table more often and supporting each other more to find shared solutions', cards: ['Getting round the table more often'] },
    { reference: 'Digital has allowed more people to come together more easily', cards: ['Digital has allowed more people to come together more easily'] },
    { reference: 'New models emerging- sense growth in extra care/shared lives', cards: ['New models are emerging'] },
    { reference: 'Traditional care homes are also thinking about hybrid solutions for the future', cards: ['Traditional care homes are thinking about hybrid solutions'] },
    { reference: 'Part of the Building Positive Futures Programme East of England have sessions coming up', cards: ['Use the Building Positive Futures sessions'] },
    { reference: 'Example of wanting to work with voluntary sector partners', cards: ['Work with voluntary sector partners'] },
  ],
  'Co-production and building community resilience': [
    { reference: 'Voluntary and community sector got on and did it because they had to and did a great job', cards: ['The voluntary and community sector got on and did it'] },
    { reference: "Council volunteering models weren't successful", cards: ["Council volunteering models weren't as successful"] },
    { reference: 'People knocking on neighbours doors and asking how to support is coproduction at its best', cards: ["People knocking on neighbours' doors"] },
    {
      reference: "We are trying to make something a strategy that can take away the roots up flexibility... Don't impose bureaucracy where there wasn't",
      cards: ["Don't impose bureaucracy where there wasn't any", 'Councils should avoid creating a strategy that may stifle coproduction'],
    },
    { reference: "Acknowledging we can't expect things to work without funding", cards: ['Make funding available'] },
    { reference: "Not making assumptions that people don't want to use digital technology", cards: ["Don't assume people don't want to use digital technology"] },
    { reference: 'Are we recognising skills of those who use services?', cards: ['Recognise the skills and contribution of people who use services'] },
  ],
  Workforce: [
    { reference: 'Acknowledgement of the dedication and hard work of the work force', cards: ['The dedication and hard work of the workforce'] },
    {
      reference: "Worked well- still be able to support people through different means but remote working meant people couldn't get emotional support",
      cards: ['We were still able to support people through different means', "Remote working meant people couldn't get emotional support"],
    },
    { reference: 'Recognition to your teams about how you are balancing your life with work', cards: ['Recognise how teams are balancing their lives with work'] },
    { reference: 'Enforced push for workforce to use digital means so positive in this way', cards: ['The enforced push for the workforce to use digital means'] },
    { reference: 'Shorter packages of care e.g. for people who have just come out from hospital', cards: ['Shorter packages of care, for example'] },
    { reference: 'Challenges in onboarding. Proper inductions.', cards: ['Proper inductions and onboarding'] },
    { reference: 'Ensure true flexible working.', cards: ['Ensure true flexible working'] },
    {
      reference: 'What this has opened up about the workforce and the diversity of the workforce... self- check about their own places of work',
      cards: ['What has this opened up about the diversity of the workforce', 'Everyone to self-check the diversity of their own workplace'],
    },
    { reference: 'What support is in place at the beginning of any employment through their journey.', cards: ['Put support in place from the beginning of employment'] },
  ],
  Partnerships: [
    { reference: 'Not just about ASC and NHS but people and local communities', cards: ['It is not just about adult social care and the NHS'] },
    { reference: 'Barrier between organisations were let go off, so keep this going', cards: ['Barriers between organisations were let go', 'Keep the barriers between organisations down'] },
    { reference: 'How can personalisation be brought to shorter packages of care', cards: ['Bring personalisation to shorter packages of care'] },
  ],
};

// The reference's speaker sessions, which come after the agenda and before the group work. Abridged
// from the reference; sub-headings of a session are bold-less paragraphs followed by their bullets.
const speakerSections: { heading: string; blocks: FreeBlock[] }[] = [
  {
    heading: 'The perspective of the person who draws on support',
    blocks: [
      {
        kind: 'paragraph',
        text: 'The session was opened by Valentina and Anthony McParland, two people who draw on care and support who gave their perspective on their experiences of Covid-19 and their aspirations for the future.',
      },
      { kind: 'paragraph', text: 'Valentina shared the areas that have impacted her as a carer:' },
      {
        kind: 'bullets',
        items: [
          'Biggest issue has been about fighting for services.',
          'More services were more straightforward when younger. As he got older needs have become more complex.',
          "Services available in the past aren't there anymore",
        ],
      },
      { kind: 'paragraph', text: 'Wish list: Anthony and Valentina closed with some reflections on what they wanted in the future.' },
      {
        kind: 'bullets',
        items: [
          'Co-production is now positive and power sharing with people who access care and support',
          'Integration of services is really important',
          "It shouldn't be about what is cheapest but what individuals need.",
        ],
      },
    ],
  },
  {
    heading: 'The national perspective',
    blocks: [
      {
        kind: 'paragraph',
        text: 'James Bullion, the Director of Adult Social Care for Norfolk County Council, and past President of ADASS, was asked to briefly summarise some of his reflections on his national role during the pandemic. He raised the following key points:',
      },
      {
        kind: 'bullets',
        items: [
          'Coproduction is very important.',
          'Highlighting the true value of ASC to the public',
          'Councils are the right home for ASC – they worked well in leading response',
          "If your housing isn't right, it impacts everything else in one's life.",
          'Enabling carers to lead good lives is also key',
        ],
      },
    ],
  },
  {
    heading: 'Local innovations during Covid-19',
    blocks: [
      {
        kind: 'paragraph',
        text: 'We heard from Natalie Smith from Thurrock and Simon Froud and Robert Teatheredge, Essex CC, about their approaches and learning from working through COVID-19.',
      },
      {
        kind: 'paragraph',
        text: 'The key question that arose from the session was how the systems have been linking with social prescribing: social prescribers were picking up new referrals and have played a role in longer term support.',
      },
    ],
  },
];

const fixture = loadFixture();
const input = fixtureDraftInput(fixture);
const cardTexts = input.boards.flatMap((b) => b.cards.map((c) => c.text));

/** The full text of the one fixture card that starts with `start`. */
function fixtureCard(start: string): string {
  const matches = cardTexts.filter((t) => t.startsWith(start));
  if (matches.length !== 1) throw new Error(`Expected one fixture card starting "${start}", found ${matches.length}`);
  return matches[0]!;
}

/** The blocks after the level-`level` heading `text` up to the next heading of that level or higher. */
function sectionBody(blocks: readonly DocBlock[], text: string, level: 1 | 2 | 3, from = 0): DocBlock[] {
  const start = blocks.findIndex((b, i) => i >= from && b.kind === 'heading' && b.level === level && b.text === text);
  if (start < 0) throw new Error(`No level-${level} heading "${text}"`);
  const end = blocks.findIndex((b, i) => i > start && ((b.kind === 'heading' && b.level <= level) || b.kind === 'title'));
  return blocks.slice(start + 1, end < 0 ? undefined : end);
}

const bulletTexts = (blocks: readonly DocBlock[]): string[] => blocks.flatMap((b) => (b.kind === 'bullets' ? b.items.map((i) => i.text) : []));

function scieSummary() {
  // The speaker sessions go after the agenda, in the reference's order.
  let summary = draftSummary(input);
  const afterAgenda = summarySections(summary).findIndex((s) => s.id === 'agenda') + 1;
  speakerSections.forEach((section, i) => {
    summary = addFreeSection(summary, section.heading, section.blocks, afterAgenda + i);
  });
  return summary;
}

describe('the SCIE summary shape from the ADASS East fixture', () => {
  const summary = scieSummary();
  const blocks = renderSummaryDocument(summary);

  it('the reference has 27 group key messages, in the four rooms the fixture has', () => {
    expect(Object.keys(referenceKeyMessages)).toEqual(fixture.expectedInSummary.groupHeadings);
    expect(Object.values(referenceKeyMessages).map((m) => m.length)).toEqual([8, 7, 9, 3]);
    expect(Object.values(referenceKeyMessages).flat()).toHaveLength(27);
  });

  it('reproduces every one of the 27 group key messages under its room heading (by room, as SCIE prints them)', () => {
    expect(keyMessageLayout(summary)).toBe('by-room');
    const keyMessages = sectionBody(blocks, 'Key messages from groups', 1);
    expect(headingTexts(keyMessages, 2)).toEqual(fixture.expectedInSummary.groupHeadings);
    const missing: string[] = [];
    for (const [room, messages] of Object.entries(referenceKeyMessages)) {
      const underRoom = bulletTexts(sectionBody(keyMessages, room, 2));
      for (const message of messages) {
        for (const start of message.cards) {
          if (!underRoom.includes(fixtureCard(start))) missing.push(`${room}: "${message.reference}" (card "${start}…")`);
        }
      }
    }
    expect(missing, `Key messages missing from their room:\n${missing.join('\n')}`).toEqual([]);
  });

  it('no key message appears under the wrong room', () => {
    const keyMessages = sectionBody(blocks, 'Key messages from groups', 1);
    for (const [room, messages] of Object.entries(referenceKeyMessages)) {
      const others = Object.keys(referenceKeyMessages).filter((r) => r !== room);
      for (const other of others) {
        const underOther = bulletTexts(sectionBody(keyMessages, other, 2));
        for (const start of messages.flatMap((m) => m.cards)) expect(underOther, `${start} under ${other}`).not.toContain(fixtureCard(start));
      }
    }
  });

  it('each speaker session is its own section, after the agenda and before the group work, with its own text', () => {
    const h1 = headingTexts(blocks, 1);
    const at = speakerSections.map((s) => h1.indexOf(s.heading));
    expect(at.every((i) => i >= 0), `speaker headings in ${JSON.stringify(h1)}`).toBe(true);
    expect(at).toEqual([h1.indexOf('Agenda') + 1, h1.indexOf('Agenda') + 2, h1.indexOf('Agenda') + 3]);
    expect(h1.indexOf('Thinking appreciatively')).toBeGreaterThan(at[2]!);
    expect(h1.indexOf('Key messages from groups')).toBeGreaterThan(at[2]!);
    // Not folded into one "Session notes" section.
    expect(h1).not.toContain('Session notes');
    for (const section of speakerSections) {
      const body = sectionBody(blocks, section.heading, 1);
      expect(body).toEqual(
        section.blocks.map((b): DocBlock => (b.kind === 'paragraph' ? { kind: 'paragraph', text: b.text } : { kind: 'bullets', items: b.items.map((text) => ({ text })) })),
      );
    }
  });

  it('the SCIE sections stay in the reference order around the speaker sessions', () => {
    const h1 = headingTexts(blocks, 1);
    const positions = fixture.expectedInSummary.sections.map((s) => h1.indexOf(s));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });
});
