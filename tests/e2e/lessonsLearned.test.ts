import fs from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from '../helpers/axe';
import { artifactPath } from '../helpers/browser';
import { e2eEnvironment } from '../helpers/e2eEnvironment';
import { joinThroughUi, openFacilitatorPanel } from '../helpers/e2eFlows';
import {
  docxOutline,
  docxText,
  headingsOf,
  htmlOutline,
  markdownOutline,
  outlineSection,
  pdfText,
  type OutlineItem,
} from '../helpers/lessonsLearnedExports';

// Issue 13, end to end in Chromium: an organiser writes a four-question lessons-learned workshop with
// seven rooms on /new (no template), participants write cards through the real board (with the second
// field where a question has one), a facilitator drafts the summary, lays it out by question and adds a
// free section, and every summary export follows the four questions with nothing of the default
// (Appreciative Inquiry) template left in it.

const env = e2eEnvironment();

const questions = [
  { prompt: 'What have we STARTED doing that we want to CONTINUE with?', secondField: 'What enabled the change?' },
  { prompt: "What have we STOPPED doing that we don't want to RESTART?" },
  { prompt: 'What have we STARTED doing that we will need to STOP?' },
  { prompt: 'What have we STOPPED doing that we will need to RESTART?', secondField: 'What will it take to restart?' },
] as { prompt: string; secondField?: string }[];

const rooms = ['Workforce', 'Digital', 'Estates', 'Partnerships', 'Communications', 'Governance', 'Finance'];

/** What the default template would leave behind; none of it may reach the exports. */
const defaultTemplateTraces = ['What worked well?', 'What do we need to build on?', 'How will we make it happen?', 'Thinking appreciatively', 'Appreciative Inquiry'];

interface PlannedCard {
  room: string;
  question: number;
  text: string;
  detail?: string;
}

// Short texts, so no table cell wraps in the PDF.
const cards: PlannedCard[] = [
  { room: 'Workforce', question: 0, text: 'Daily huddles on Teams', detail: 'Laptops for every carer' },
  { room: 'Workforce', question: 1, text: 'Paper timesheets' },
  { room: 'Workforce', question: 2, text: 'Redeploying whole teams' },
  { room: 'Workforce', question: 3, text: 'Face-to-face supervision', detail: 'Rooms we can book' },
  { room: 'Digital', question: 0, text: 'Online equipment requests', detail: 'Supplier fast-tracked it' },
  { room: 'Digital', question: 1, text: 'Printing board papers' },
  { room: 'Digital', question: 3, text: 'Library drop-in sessions', detail: 'Library staff on site' },
  { room: 'Finance', question: 2, text: 'Approvals by email only' },
  { room: 'Finance', question: 0, text: 'Monthly budget check-ins', detail: 'Finance partners in teams' },
];
const participants: Record<string, string> = { Workforce: 'Amira', Digital: 'Ben', Finance: 'Chloe' };

const freeSection = { heading: 'Top 10 lessons', bullets: ['Keep the daily huddles', 'Retire paper forms for good', 'Plan the return of supervision'] };

/** Shared between the steps below, which run in order. */
const state: {
  links?: { joinCode: string; facilitator: string; organiser: string };
  /** Per question (index), whether the board offered an input labelled with its second field. */
  secondFieldOffered: Map<number, boolean>;
  /** Whether any card was written with a second field (so the exports must carry it). */
  detailsWritten: boolean;
  organiser?: Page;
  contexts: BrowserContext[];
} = { secondFieldOffered: new Map(), detailsWritten: false, contexts: [] };

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

async function expectAccessible(page: Page, what: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `${what}:\n${violations.join('\n')}`).toEqual([]);
}

async function newPage(): Promise<Page> {
  const context = await env.browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 1000 } });
  state.contexts.push(context);
  return context.newPage();
}

/** What a question's table must hold: one row per room, in room order; rooms without cards say so. */
function expectedRows(question: number, withDetails: boolean): string[][] {
  const second = questions[question]!.secondField;
  return rooms.flatMap((room) => {
    const here = cards.filter((c) => c.room === room && c.question === question);
    if (!here.length) return [second ? [room, 'No key messages.', ''] : [room, 'No key messages.']];
    return here.map((c) => (second ? [room, c.text, withDetails ? (c.detail ?? '') : ''] : [room, c.text]));
  });
}

/**
 * The key messages follow the four questions: under "Key messages from groups", exactly the four
 * prompts as headings, in order, each followed by a table (Group | Key message [| second field]) with a
 * row per room. Cards in one room and question come in the order written (no votes were cast).
 */
function expectQuestionsWithTables(outline: readonly OutlineItem[], format: string): void {
  const keyMessages = outlineSection(outline, 'Key messages from groups', 1);
  expect(headingsOf(keyMessages, 2), `${format}: question headings`).toEqual(questions.map((q) => q.prompt));
  questions.forEach((q, i) => {
    const body = outlineSection(keyMessages, q.prompt, 2);
    const table = body.find((item) => item.kind === 'table');
    expect(table, `${format}: a table under "${q.prompt}"`).toBeDefined();
    const rows = table!.kind === 'table' ? table!.rows : [];
    const header = q.secondField ? ['Group', 'Key message', q.secondField] : ['Group', 'Key message'];
    expect(rows[0], `${format}: header of "${q.prompt}"`).toEqual([...header, 'Sources']);
    expect(rows.slice(1).map((row) => row.slice(0, -1)), `${format}: rows of "${q.prompt}"`).toEqual(expectedRows(i, state.detailsWritten));
    // Each key message names its source card: the card's own words, its room and this question.
    for (const [room = '', message = '', ...rest] of rows.slice(1)) {
      const sources = squash(rest.at(-1) ?? '');
      if (message === 'No key messages.') expect(sources, `${format}: ${room} has no sources`).toBe('');
      else expect(sources, `${format}: sources of "${message}"`).toContain(squash(`\u201c${message}\u201d`));
      if (message !== 'No key messages.') expect(sources).toContain(room);
    }
  });
}

function expectFreeSection(outline: readonly OutlineItem[], format: string): void {
  const body = outlineSection(outline, freeSection.heading, 1);
  // The free section is the last one, so the document's closing provenance line follows its bullets.
  const texts = body.map((i) => (i.kind === 'text' ? i.text : '')).filter((t) => t && t !== '---');
  expect(texts.filter((t) => !t.startsWith('Made with Roundtable')), `${format}: the free section's bullets`).toEqual(freeSection.bullets);
}

function expectNoDefaultTemplate(text: string, format: string): void {
  for (const trace of defaultTemplateTraces) expect(text, `${format} must not contain "${trace}"`).not.toContain(trace);
  expect(text, `${format}: nothing appreciative`).not.toMatch(/appreciativ/i);
}

/** Downloads one export through its link on the organiser's summary page. */
async function download(label: string, extension: string): Promise<Buffer> {
  const page = state.organiser!;
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: `Download ${label}` }).click()]);
  expect(file.suggestedFilename()).toMatch(new RegExp(`\\.${extension}$`));
  const path = artifactPath(`lessons-learned.${extension}`);
  await file.saveAs(path);
  return fs.readFileSync(path);
}

describe('a four-question, seven-room lessons-learned workshop (real Chromium)', () => {
  it('an organiser writes their own four questions and seven rooms on /new', async () => {
    const page = await newPage();
    await page.goto(`${env.server.url}/new`);
    await page.getByLabel('Event title').fill('Lessons from the pandemic');
    await page.getByLabel('Organised by').fill('County Council');
    await page.getByRole('radio', { name: 'Write your own questions' }).check();
    // The rows start from the default template's questions: each is rewritten, its help text cleared.
    const group = (n: number) => page.getByRole('group', { name: `Question ${n}`, exact: true });
    await group(1).waitFor();
    for (const [i, q] of questions.entries()) {
      if (!(await group(i + 1).count())) await page.getByRole('button', { name: 'Add a question' }).click();
      await group(i + 1).getByLabel('Question', { exact: true }).fill(q.prompt);
      await group(i + 1).getByLabel('Help text (optional)').fill('');
      await group(i + 1).getByLabel('Second field on each card (optional)').fill(q.secondField ?? '');
    }
    expect(await page.getByRole('group', { name: /^Question \d$/ }).count()).toBe(4);
    await page.getByLabel('Rooms (one topic per line)').fill(rooms.join('\n'));
    await expectAccessible(page, '/new with four questions of their own');
    await page.screenshot({ path: artifactPath('lessons-learned-new.png'), fullPage: true });

    await page.getByRole('button', { name: 'Create event' }).click();
    await page.getByRole('heading', { name: 'Your event is ready' }).waitFor();
    state.links = {
      joinCode: await page.getByLabel('Join code').inputValue(),
      facilitator: await page.getByLabel('Facilitator link (secret)').inputValue(),
      organiser: await page.getByLabel('Organiser link (secret)').inputValue(),
    };
    expect(state.links.joinCode).toMatch(/\S/);
  });

  it('participants in three rooms write cards through the board, with the second field where it is offered', async () => {
    const links = state.links!;
    // The join page offers the seven rooms.
    const joinPage = await newPage();
    await joinPage.goto(`${env.server.url}/join/${links.joinCode}`);
    await joinPage.getByLabel('Your name').waitFor();
    for (const room of rooms) await joinPage.getByRole('radio', { name: room, exact: true }).waitFor();

    for (const [room, name] of Object.entries(participants)) {
      const page = await joinThroughUi(env.browser, env.server.url, links.joinCode, name, room);
      state.contexts.push(page.context());
      // The board asks the four questions and nothing of the default template.
      for (const q of questions) await page.getByLabel(`Add a card to “${q.prompt}”`, { exact: true }).waitFor();
      expect(await page.getByText('What worked well?').count()).toBe(0);

      for (const card of cards.filter((c) => c.room === room)) {
        const q = questions[card.question]!;
        const addField = page.getByLabel(`Add a card to “${q.prompt}”`, { exact: true });
        const form = page.locator('form').filter({ has: addField });
        if (q.secondField) {
          // The second field, found by its label: in the question's add-card form, else the one on the page.
          let second = form.getByLabel(q.secondField);
          if (!(await second.count())) second = page.getByLabel(q.secondField);
          const offered = (await second.count()) === 1;
          state.secondFieldOffered.set(card.question, (state.secondFieldOffered.get(card.question) ?? false) || offered);
          await addField.fill(card.text);
          if (offered && card.detail) {
            await second.fill(card.detail);
            state.detailsWritten = true;
          }
        } else {
          await addField.fill(card.text);
        }
        await form.getByRole('button', { name: 'Add card' }).click();
        await expect
          .poll(() =>
            page
              .getByRole('textbox', { name: new RegExp(`Card by ${name} under “${escapeRegExp(q.prompt)}”`) })
              .evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value)),
          )
          .toContain(card.text);
      }
      await page.screenshot({ path: artifactPath(`lessons-learned-board-${room.toLowerCase()}.png`), fullPage: true });
    }
  });

  it('a facilitator drafts the summary, lays it out by question and adds a free section', async () => {
    const page = await openFacilitatorPanel(env.browser, state.links!.facilitator);
    state.contexts.push(page.context());
    await page.getByRole('link', { name: 'Summary' }).click();
    await page.getByRole('button', { name: 'Draft from boards' }).click();
    await page.getByText(new RegExp(`Drafted ${cards.length} key messages`)).waitFor();

    await page.getByRole('radio', { name: /^By question/ }).check();
    const preview = page.getByRole('article', { name: 'Preview of the exported summary' });
    for (const q of questions) await preview.getByRole('heading', { name: q.prompt, exact: true }).first().waitFor();
    await expect.poll(() => preview.getByRole('table').count()).toBeGreaterThanOrEqual(questions.length);

    await page.getByRole('button', { name: 'Add a free section' }).click();
    const heading = page.getByLabel('Heading of section “New section”');
    await heading.fill(freeSection.heading);
    await heading.press('Tab');
    const text = page.getByLabel(new RegExp(`^Text of “${escapeRegExp(freeSection.heading)}”`));
    await text.fill(freeSection.bullets.map((b) => `- ${b}`).join('\n'));
    await text.press('Tab');
    await preview.getByRole('heading', { name: freeSection.heading, exact: true }).waitFor();
    for (const bullet of freeSection.bullets) await preview.getByRole('listitem').filter({ hasText: bullet }).waitFor();
    // Nothing of the default template on the page either.
    for (const trace of ['What worked well?', 'Thinking appreciatively']) expect(await preview.getByText(trace).count()).toBe(0);

    await expectAccessible(page, 'summary editor with the by-question layout and a free section');
    await page.screenshot({ path: artifactPath('lessons-learned-summary.png'), fullPage: true });

    // The organiser reviews the same summary; the server has the facilitator's edits once the export shows them.
    const organiser = await newPage();
    await organiser.goto(state.links!.organiser);
    await organiser.getByRole('heading', { name: 'Export' }).waitFor();
    state.organiser = organiser;
    await expect
      .poll(async () => {
        const eventId = new URL(state.links!.organiser).pathname.split('/').pop();
        const res = await organiser.request.get(`${env.server.url}/api/events/${eventId}/export/md`);
        return res.ok() ? await res.text() : `HTTP ${res.status()}`;
      }, { timeout: 15_000 })
      .toContain(freeSection.bullets[2]!);
  });

  it('the Markdown export follows the four questions, has the free section and no trace of the default template', async () => {
    const md = (await download('Markdown', 'md')).toString('utf8');
    const outline = markdownOutline(md);
    expectQuestionsWithTables(outline, 'Markdown');
    expectFreeSection(outline, 'Markdown');
    expectNoDefaultTemplate(md, 'Markdown');
  });

  it('the HTML export follows the four questions, has the free section and no trace of the default template', async () => {
    const html = (await download('Printable web page', 'html')).toString('utf8');
    const outline = htmlOutline(html);
    expectQuestionsWithTables(outline, 'HTML');
    expectFreeSection(outline, 'HTML');
    expectNoDefaultTemplate(html, 'HTML');
  });

  it('the Word export follows the four questions, has the free section and no trace of the default template', async () => {
    const docx = await download('Word (.docx)', 'docx');
    const outline = await docxOutline(docx);
    expectQuestionsWithTables(outline, 'Word');
    expectFreeSection(outline, 'Word');
    expectNoDefaultTemplate(await docxText(docx), 'Word');
  });

  it('the PDF export follows the four questions, has the free section and no trace of the default template', async () => {
    const text = await pdfText(await download('PDF', 'pdf'));
    // PDF text has no structure: the questions come in order after "Key messages from groups", and
    // each question's rooms and messages come between it and the next question.
    // The contents page lists the heading first; the section itself is its second appearance.
    const inContents = text.indexOf('Key messages from groups');
    expect(inContents).toBeGreaterThanOrEqual(0);
    const start = text.indexOf('Key messages from groups', inContents + 1);
    expect(start).toBeGreaterThan(inContents);
    const at = questions.map((q) => text.indexOf(squash(q.prompt), start));
    for (const [i, pos] of at.entries()) expect(pos, `PDF: "${questions[i]!.prompt}" after the key messages heading`).toBeGreaterThan(start);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    const end = text.indexOf('Cross-cutting themes', at[3]!);
    questions.forEach((q, i) => {
      const part = text.slice(at[i]!, i < 3 ? at[i + 1]! : end < 0 ? undefined : end);
      if (q.secondField) expect(part).toContain(q.secondField);
      for (const row of expectedRows(i, state.detailsWritten)) for (const cell of row.filter(Boolean)) expect(part, `PDF: "${cell}" under "${q.prompt}"`).toContain(cell);
    });
    const free = text.indexOf(freeSection.heading);
    expect(free).toBeGreaterThanOrEqual(0);
    for (const bullet of freeSection.bullets) expect(text.indexOf(bullet, free), `PDF: "${bullet}" in the free section`).toBeGreaterThan(free);
    expectNoDefaultTemplate(text, 'PDF');
  });

  it('the board offers the second field for each question that has a second field label (issue 13: second card field)', async () => {
    for (const [i, q] of questions.entries()) {
      if (!q.secondField) continue;
      expect(state.secondFieldOffered.get(i), `the board has an input labelled "${q.secondField}" for "${q.prompt}"`).toBe(true);
    }
    expect(state.detailsWritten, 'cards were written with their second field').toBe(true);
    await Promise.all(state.contexts.map((c) => c.close()));
  });
});
