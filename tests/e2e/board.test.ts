import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { e2eEnvironment } from '../helpers/e2eEnvironment';
import { artifactPath } from '../helpers/browser';
import { joinThroughUi } from '../helpers/e2eFlows';

const env = e2eEnvironment();

describe('participants on a live board (real Chromium)', () => {
  it('two people join the same room through the UI and see each other’s cards live', async () => {
    const roomTopic = env.event.info.rooms[1]!.topic;
    const amira = await joinThroughUi(env.browser, env.server.url, env.event.info.joinCode, 'Amira', roomTopic);
    const ben = await joinThroughUi(env.browser, env.server.url, env.event.info.joinCode, 'Ben', roomTopic);

    await amira.getByLabel('Add a card to “What worked well?”').fill('Relationships with providers improved');
    await amira.getByLabel('Add a card to “What worked well?”').press('Enter');

    const benCard = ben.getByRole('textbox', { name: /Card by Amira under “What worked well\?”/ });
    await benCard.waitFor();
    expect(await benCard.inputValue()).toBe('Relationships with providers improved');
    // Presence: each sees the other in the room list.
    await ben.getByRole('region', { name: /In this room/ }).getByText('Amira').waitFor();

    // Ben edits Amira's card; Amira sees the edit.
    await benCard.click();
    // The end of the text, not of the line: on the compact board a card's text can wrap.
    await benCard.press('Control+End');
    await benCard.pressSequentially(' a lot');
    await expect.poll(() => amira.getByRole('textbox', { name: /Card by Amira/ }).inputValue()).toBe('Relationships with providers improved a lot');

    // Ben pauses live updates to read: Amira's next card waits until he resumes.
    await ben.getByRole('button', { name: 'Pause live updates' }).click();
    await amira.getByLabel('Add a card to “What do we need to build on?”').fill('Keep meeting monthly');
    await amira.getByLabel('Add a card to “What do we need to build on?”').press('Enter');
    await ben.getByText(/1 new card is waiting/).waitFor();
    expect(await ben.getByRole('textbox', { name: /under “What do we need to build on\?”/ }).count()).toBe(0);
    await ben.getByRole('button', { name: 'Resume live updates' }).click();
    await ben.getByRole('textbox', { name: /Card by Amira under “What do we need to build on\?”/ }).waitFor();

    const shot = artifactPath('board-two-participants.png');
    await ben.screenshot({ path: shot, fullPage: true });
    expect(fs.statSync(shot).size).toBeGreaterThan(10_000);
    await Promise.all([amira.context().close(), ben.context().close()]);
  });
});
