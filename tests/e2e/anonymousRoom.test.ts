import JSZip from 'jszip';
import { pdfPageTexts } from '../helpers/pdfText';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { cardsOf } from '../../shared/boardDoc';
import { boardDocName, summaryDocName } from '../../shared/docNames';
import { anonymousJoinExplanation } from '../../shared/namesMode';
import { createTestEvent, sampleEvent } from '../helpers/apiClient';
import { artifactPath } from '../helpers/browser';
import { e2eEnvironment } from '../helpers/e2eEnvironment';
import { connectSocket } from '../helpers/socketClient';
import { connectProvider, waitFor, waitForSync } from '../helpers/yjsClient';

// Issue 14's anonymous room: two participants and a facilitator work a real board in Chromium. Everything
// each of them receives — HTTP answers, socket.io pushes, Yjs frames (documents and presence) — and every
// export is searched for the names the participants' browsers remember. None may appear anywhere.

// The join page's key for the name it remembers (client/src/pages/JoinPage.tsx).
const rememberedNameKey = 'roundtable:displayName';

const env = e2eEnvironment((url) => createTestEvent(url, { ...sampleEvent, namesMode: 'anonymous' }));

const people = [
  { name: 'Zofia Łukasiewicz', parts: ['Zofia', 'Łukasiewicz', 'ukasiewicz'], card: 'Shared lunches broke the ice' },
  { name: 'Dafydd ap Gwilym', parts: ['Dafydd', 'Gwilym'], card: 'Monthly peer sessions kept us going' },
];
const forbidden = people.flatMap((p) => [p.name, ...p.parts]);

/** Everything a page receives (and sends), as text: Yjs frames are binary with their strings in UTF-8. */
function record(page: Page) {
  const received: string[] = [];
  const sent: string[] = [];
  const text = (payload: string | Buffer) => (typeof payload === 'string' ? payload : Buffer.from(payload).toString('utf8'));
  page.on('websocket', (ws) => {
    ws.on('framereceived', ({ payload }) => received.push(text(payload)));
    ws.on('framesent', ({ payload }) => sent.push(text(payload)));
  });
  page.on('request', (request) => sent.push(`${request.url()} ${request.postData() ?? ''}`));
  page.on('response', (response) => {
    if (new URL(response.url()).pathname.startsWith('/api/')) void response.text().then((body) => received.push(body), () => undefined);
  });
  return { received, sent };
}

function expectNoNames(what: string, texts: readonly string[]): void {
  const all = texts.join('\n');
  for (const name of forbidden) expect(all.includes(name), `${what} contains “${name}”`).toBe(false);
}

async function cookieHeader(context: BrowserContext): Promise<string> {
  return (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
}

/** A participant whose browser remembers a name from an earlier workshop joins the anonymous one. */
async function joinAnonymously(rememberedName: string, roomTopic: string) {
  const context = await env.browser.newContext();
  await context.addInitScript(([key, name]) => localStorage.setItem(key!, name!), [rememberedNameKey, rememberedName]);
  const page = await context.newPage();
  const traffic = record(page);
  await page.goto(`${env.server.url}/join/${env.event.info.joinCode}`);
  await page.getByText(anonymousJoinExplanation).waitFor();
  expect(await page.getByLabel('Your name').count()).toBe(0);
  await page.screenshot({ path: artifactPath('join-anonymous.png') });
  await page.getByRole('radio', { name: roomTopic }).check();
  await page.getByRole('button', { name: 'Join' }).click();
  await page.getByRole('heading', { level: 1, name: roomTopic }).waitFor();
  await page.getByText('Connected — changes are shared live').waitFor();
  return { context, page, ...traffic };
}

async function exportTexts(format: string, body: Buffer): Promise<string[]> {
  if (format === 'docx') {
    const zip = await JSZip.loadAsync(body);
    return Promise.all(Object.values(zip.files).filter((f) => !f.dir).map((f) => f.async('string')));
  }
  if (format === 'pdf') return pdfPageTexts(body);
  return [body.toString('utf8')];
}

describe('an anonymous room (real Chromium)', () => {
  it('nothing any participant or facilitator receives, and nothing exported, carries a name', async () => {
    const { info, links } = env.event;
    const room = info.rooms[0]!;
    const [zofia, dafydd] = [await joinAnonymously(people[0]!.name, room.topic), await joinAnonymously(people[1]!.name, room.topic)];

    const staffContext = await env.browser.newContext();
    const panel = await staffContext.newPage();
    const panelTraffic = record(panel);
    await panel.goto(links.facilitator);
    await panel.getByRole('heading', { name: 'Rooms', exact: true }).waitFor();
    // People have joined: the names setting (on the Settings tab) is shown but cannot change.
    await panel.getByRole('tab', { name: 'Settings' }).click();
    await panel.getByText(/Names can't be changed once people have joined/).waitFor();
    expect(await panel.getByRole('radio', { name: 'Anonymous' }).isChecked()).toBe(true);
    expect(await panel.getByRole('radio', { name: 'Anonymous' }).isDisabled()).toBe(true);
    await panel.getByRole('region', { name: 'Names' }).screenshot({ path: artifactPath('names-setting-locked.png') });
    const staffBoard = await staffContext.newPage();
    const staffTraffic = record(staffBoard);
    await staffBoard.goto(`${env.server.url}/facilitate/${info.id}/room/${room.id}`);
    await staffBoard.getByText('Connected — changes are shared live').waitFor();

    // Cards from both participants and the facilitator; typing shows, naming nobody.
    for (const [who, text] of [[zofia, people[0]!.card], [dafydd, people[1]!.card]] as const) {
      await who.page.getByLabel('Add a card to “What worked well?”').fill(text);
      await who.page.getByLabel('Add a card to “What worked well?”').press('Enter');
    }
    await staffBoard.getByLabel('Add a card to “What worked well?”').fill('Scribed: people valued the quiet room');
    await staffBoard.getByLabel('Add a card to “What worked well?”').press('Enter');
    const cardsOnDafydds = dafydd.page.getByRole('listitem', { name: 'Card under “What worked well?”' }).filter({ has: dafydd.page.getByRole('textbox') });
    await expect.poll(() => cardsOnDafydds.count()).toBe(3);
    const zofiasCard = zofia.page.getByRole('textbox', { name: 'Card under “What worked well?”' }).first();
    await zofiasCard.click();
    await zofiasCard.press('End');
    await zofiasCard.pressSequentially(' again');
    await dafydd.page.getByText('Someone is typing…').first().waitFor();
    await dafydd.page.getByText(/3 people in this room, including you; one is a facilitator/).waitFor();
    await dafydd.page.screenshot({ path: artifactPath('board-anonymous.png'), fullPage: true });

    // Voting, opened by the facilitator; both participants vote.
    const command = await connectSocket(env.server.url, info.id, env.event.facilitator.cookieHeader);
    try {
      expect((await command.run('phase:set', { phase: 'voting' })).ok).toBe(true);
      expect((await command.run('voting:set', { open: true, votesPerPerson: 3, revealed: true })).ok).toBe(true);
      for (const who of [zofia, dafydd]) {
        await who.page.getByRole('button', { name: /Vote for this card/ }).first().click();
        await who.page.getByText('Your votes: 1').waitFor();
      }
      await zofia.page.getByRole('button', { name: 'Ask for help' }).click();
      // The control panel labels the request with the server-made pseudonym (help requests are on the Live tab).
      await panel.getByRole('tab', { name: 'Live' }).click();
      await panel.getByRole('region', { name: /Help requests/ }).getByText('Participant 1', { exact: true }).waitFor();
      expect((await command.run('summary:draft')).ok).toBe(true);
    } finally {
      command.close();
    }

    // Every Yjs document as each of them would load it, with its presence states.
    const documents: string[] = [];
    for (const [context, docName] of [
      [zofia.context, boardDocName(info.id, room.id)],
      [dafydd.context, boardDocName(info.id, room.id)],
      [staffContext, boardDocName(info.id, room.id)],
      [staffContext, summaryDocName(info.id)],
    ] as const) {
      const handle = connectProvider(env.server.url, docName, await cookieHeader(context));
      try {
        await waitForSync(handle.provider);
        if (docName.startsWith('board.')) await waitFor(() => cardsOf(handle.doc).size === 3, 10_000, 'the three cards');
        documents.push(JSON.stringify(cardsOf(handle.doc).toJSON()), JSON.stringify(handle.doc.getMap('summary').toJSON()));
        documents.push(JSON.stringify([...handle.provider.awareness.getStates().values()]));
      } finally {
        handle.destroy();
      }
    }
    expect(documents.join('\n')).toContain(people[0]!.card);

    const received = [...zofia.received, ...dafydd.received, ...panelTraffic.received, ...staffTraffic.received];
    expect(received.some((text) => text.includes(people[1]!.card)), 'the recording holds the Yjs frames').toBe(true);
    expectNoNames('what the browsers received', received);
    expectNoNames('the Yjs documents and presence', documents);
    // The remembered names never left the participants' browsers either.
    expectNoNames('what the participants sent', [...zofia.sent, ...dafydd.sent]);
    // Nor did one participant's server-made label reach the other.
    expect(dafydd.received.join('\n')).not.toContain('Participant 1');

    // Every export format, downloaded as the facilitator's and the organiser's sessions would.
    for (const format of ['docx', 'pdf', 'md', 'html', 'csv', 'json']) {
      for (const client of [env.event.facilitator, env.event.organiser]) {
        const res = await client.request('GET', `/api/events/${info.id}/export/${format}`);
        expect(res.status, `${format}: ${res.status}`).toBe(200);
        const texts = await exportTexts(format, Buffer.from(await res.arrayBuffer()));
        if (format === 'csv' || format === 'json') expect(texts.join('\n')).toContain(people[1]!.card);
        expectNoNames(`the ${format} export`, texts);
      }
    }
    await Promise.all([zofia.context.close(), dafydd.context.close(), staffContext.close()]);
  });
});
