import { describe, expect, it } from 'vitest';
import { e2eEnvironment } from '../helpers/e2eEnvironment';
import { joinThroughUi } from '../helpers/e2eFlows';

const env = e2eEnvironment();

describe('joining again and leaving on a shared laptop', () => {
  it('a closed tab reopened on the join link lands back in the same room; the name is remembered; leaving forgets it all', async () => {
    const page = await joinThroughUi(env.browser, env.server.url, env.event.info.joinCode, 'Priya', 'Workforce');
    await page.getByLabel('Add a card to “What worked well?”').fill('A draft I have not added yet');
    await page.close();

    const again = await page.context().newPage();
    await again.goto(`${env.server.url}/join/${env.event.info.joinCode}`);
    await again.getByRole('heading', { level: 1, name: 'Workforce' }).waitFor();
    expect(new URL(again.url()).pathname).toBe(`/e/${env.event.info.id}/board`);
    // The unfinished draft is still there.
    expect(await again.getByLabel('Add a card to “What worked well?”').inputValue()).toBe('A draft I have not added yet');

    again.once('dialog', (dialog) => void dialog.accept());
    await again.getByRole('button', { name: 'Leave on this computer' }).click();
    await again.getByLabel('Join code').waitFor();
    await again.goto(`${env.server.url}/join/${env.event.info.joinCode}`);
    // The session is gone (the join form shows), but the name is offered again for convenience.
    expect(await again.getByLabel('Your name').inputValue()).toBe('Priya');
    const drafts = await again.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('draft:')));
    expect(drafts).toEqual([]);
    await again.context().close();
  });
});
