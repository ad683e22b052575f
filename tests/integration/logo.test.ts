import { Resvg } from '@resvg/resvg-js';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import JSZip from 'jszip';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { ApiClient, joinAsParticipant, type CreatedTestEvent } from '../helpers/apiClient';
import { serverWithEvent } from '../helpers/serverWithEvent';
import { cleanupsAfterEach } from '../helpers/testServer';

// The organisation's logo: staff upload PNG, JPEG or SVG as the raw body; anything else, anything
// damaged, too large or too small is refused with a reason; the logo reaches the Word, PDF and HTML exports.

const cleanups = cleanupsAfterEach();

const setup = () => serverWithEvent(cleanups);

/** A real PNG drawn by resvg. */
function png(width: number, height: number): Buffer {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#2b6cb0"/></svg>`;
  return Buffer.from(new Resvg(svg).render().asPng());
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

/** A well-formed PNG whose header claims any size (its pixels are not all there: only the header is read). */
function pngClaiming(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(Buffer.alloc(64))), chunk('IEND', Buffer.alloc(0))]);
}

/** A real JPEG (a PDF page rendered by poppler's pdftoppm), with an EXIF segment carrying a secret. */
async function jpegWithExif(): Promise<Buffer> {
  const pdf = new PDFDocument({ size: [120, 60] });
  const parts: Buffer[] = [];
  pdf.on('data', (b: Buffer) => parts.push(b));
  const done = new Promise((resolve) => pdf.on('end', resolve));
  pdf.rect(0, 0, 120, 60).fill('#c05621');
  pdf.end();
  await done;
  const dir = await mkdtemp(join(tmpdir(), 'roundtable-logo-'));
  try {
    await writeFile(join(dir, 'in.pdf'), Buffer.concat(parts));
    await promisify(execFile)('pdftoppm', ['-jpeg', '-r', '72', '-singlefile', join(dir, 'in.pdf'), join(dir, 'out')]);
    const jpeg = await readFile(join(dir, 'out.jpg'));
    const exif = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), Buffer.from('GPS 52.2053N 0.1218E secret', 'latin1')]);
    const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, 0, 0]), exif]);
    app1.writeUInt16BE(exif.length + 2, 2);
    return Buffer.concat([jpeg.subarray(0, 2), app1, jpeg.subarray(2)]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const gif = Buffer.concat([Buffer.from('GIF89a', 'latin1'), Buffer.from([32, 0, 32, 0, 0, 0, 0]), Buffer.from([0x3b])]);

/** The raw file as the body, as the browser sends it (ApiClient sends JSON). */
function put(client: ApiClient, event: CreatedTestEvent, body: Buffer | string, type: string): Promise<Response> {
  return fetch(`${client.baseUrl}/api/events/${event.info.id}/logo`, {
    method: 'PUT',
    headers: { 'content-type': type, ...(client.cookies.size ? { cookie: client.cookieHeader } : {}) },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
}

async function errorOf(res: Response): Promise<{ status: number; code: string; message: string }> {
  const { error } = (await res.json()) as { error: { code: string; message: string } };
  return { status: res.status, ...error };
}

describe('organisation logo', () => {
  it('a facilitator uploads a PNG; staff see it (nosniff); the organiser removes it; participants cannot touch it', async () => {
    const { server, event } = await setup();
    const logoPath = `/api/events/${event.info.id}/logo`;
    expect((await event.organiser.request('GET', logoPath)).status).toBe(404);

    const uploaded = await put(event.facilitator, event, png(300, 100), 'image/png');
    expect(uploaded.status).toBe(200);
    expect(await uploaded.json()).toEqual({ logo: { type: 'image/png', width: 300, height: 100 } });
    const shown = await event.organiser.request('GET', logoPath);
    expect(shown.status).toBe(200);
    expect(shown.headers.get('content-type')).toBe('image/png');
    expect(shown.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await shown.arrayBuffer()).subarray(1, 4).toString('latin1')).toBe('PNG');

    const amira = await joinAsParticipant(server.url, event.info.joinCode, 'Amira', event.info.rooms[0]!.id);
    expect((await put(amira, event, png(300, 100), 'image/png')).status).toBe(403);
    expect((await amira.request('GET', logoPath)).status).toBe(403);
    expect((await amira.request('DELETE', logoPath, {})).status).toBe(403);
    expect((await put(new ApiClient(server.url), event, png(300, 100), 'image/png')).status).toBe(401);

    expect((await event.organiser.request('DELETE', logoPath, {})).status).toBe(200);
    expect((await event.facilitator.request('GET', logoPath)).status).toBe(404);
  });

  it('accepts a JPEG (its EXIF dropped) and an SVG (stored as a PNG at most 1200 px wide)', async () => {
    const { event } = await setup();
    const jpeg = await jpegWithExif();
    const uploaded = await put(event.organiser, event, jpeg, 'image/jpeg');
    expect(uploaded.status, JSON.stringify(await uploaded.clone().json())).toBe(200);
    expect(await uploaded.json()).toEqual({ logo: { type: 'image/jpeg', width: 120, height: 60 } });
    const stored = Buffer.from(await (await event.organiser.request('GET', `/api/events/${event.info.id}/logo`)).arrayBuffer());
    expect(stored.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect(stored.includes('secret')).toBe(false);
    expect(stored.length).toBeLessThan(jpeg.length);

    const svg = '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20"><rect width="40" height="20" fill="#276749"/><text x="2" y="14" font-size="10" fill="#fff">Łódź</text></svg>';
    const fromSvg = await put(event.facilitator, event, svg, 'image/svg+xml; charset=utf-8');
    expect(await fromSvg.json()).toEqual({ logo: { type: 'image/png', width: 1200, height: 600 } });
    const served = await event.facilitator.request('GET', `/api/events/${event.info.id}/logo`);
    expect(served.headers.get('content-type')).toBe('image/png');
  });

  it('refuses other types, mismatched types, damaged, oversized, too small or too large images, and SVGs that reach outside', async () => {
    const { event } = await setup();
    const refusal = async (body: Buffer | string, type: string) => errorOf(await put(event.facilitator, event, body, type));

    expect(await refusal(gif, 'image/gif')).toMatchObject({ status: 415, code: 'unsupported_type' });
    expect(await refusal(gif, 'image/png')).toMatchObject({ status: 400, code: 'invalid_logo', message: expect.stringMatching(/sent as PNG but is not a PNG/) });
    expect(await refusal(png(100, 100), 'image/jpeg')).toMatchObject({ status: 400, message: expect.stringMatching(/sent as JPEG but is not a JPEG/) });
    expect(await refusal(png(100, 100), 'image/svg+xml')).toMatchObject({ status: 400, message: expect.stringMatching(/sent as SVG but is not a SVG/) });
    expect(await refusal(Buffer.alloc(600 * 1024, 1), 'image/png')).toMatchObject({ status: 413, code: 'logo_too_large', message: expect.stringMatching(/512 KB/) });
    expect(await refusal(png(1, 1), 'image/png')).toMatchObject({ status: 400, message: expect.stringMatching(/1 × 1 pixels/) });
    expect(await refusal(pngClaiming(10_000, 10_000), 'image/png')).toMatchObject({ status: 400, message: expect.stringMatching(/10000 × 10000 pixels/) });
    expect((await put(event.facilitator, event, pngClaiming(64, 32), 'image/png')).status).toBe(200);

    const damaged = png(100, 100);
    damaged.writeUInt8(damaged.readUInt8(damaged.length - 20) ^ 0xff, damaged.length - 20);
    expect(await refusal(damaged, 'image/png')).toMatchObject({ status: 400, message: expect.stringMatching(/damaged/) });
    expect(await refusal(png(100, 100).subarray(0, 60), 'image/png')).toMatchObject({ status: 400, message: expect.stringMatching(/damaged/) });
    expect(await refusal((await jpegWithExif()).subarray(0, 400), 'image/jpeg')).toMatchObject({ status: 400, message: expect.stringMatching(/damaged/) });

    expect(await refusal('<svg xmlns="http://www.w3.org/2000/svg"><rect', 'image/svg+xml')).toMatchObject({ status: 400, message: expect.stringMatching(/could not read this SVG/) });
    expect(await refusal('not an svg at all', 'image/svg+xml')).toMatchObject({ status: 400 });
    // resvg would read a local file named by an <image>: every reference must stay inside the file.
    const local = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="100" height="100"><image xlink:href="/etc/hostname" width="100" height="100"/></svg>`;
    expect(await refusal(local, 'image/svg+xml')).toMatchObject({ status: 400, message: expect.stringMatching(/refers to other files/) });
    const remote = `<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><rect width="100" height="100" style="fill: url('http://example.org/x')"/></svg>`;
    expect(await refusal(remote, 'image/svg+xml')).toMatchObject({ status: 400, message: expect.stringMatching(/refers to other files/) });
    const entities = `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>&a;</text></svg>`;
    expect(await refusal(entities, 'image/svg+xml')).toMatchObject({ status: 400, message: expect.stringMatching(/entities/) });
    expect(await refusal('<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"></svg>', 'image/svg+xml')).toMatchObject({
      status: 400,
      message: 'This SVG draws nothing visible.',
    });

    // The last good upload is still the logo.
    const kept = await event.facilitator.request('GET', `/api/events/${event.info.id}/logo`);
    expect(kept.status).toBe(200);
  });

  it('appears in the Word, PDF and HTML exports, and goes when the event is erased', async () => {
    const { server, event } = await setup();
    expect((await put(event.facilitator, event, png(240, 120), 'image/png')).status).toBe(200);
    const download = async (format: string) => Buffer.from(await (await event.organiser.request('GET', `/api/events/${event.info.id}/export/${format}`)).arrayBuffer());

    const docx = await JSZip.loadAsync(await download('docx'));
    expect(Object.keys(docx.files).some((name) => /^word\/media\/.+\.png$/.test(name))).toBe(true);
    expect(await docx.file('word/document.xml')!.async('string')).toContain(`Logo of ${event.info.organiser}`);
    expect((await download('pdf')).toString('latin1')).toMatch(/\/Subtype \/Image/);
    const html = (await download('html')).toString('utf8');
    expect(html).toMatch(/<img[^>]+src="data:image\/png;base64,/);
    expect(html).toContain(`alt="Logo of ${event.info.organiser}"`);

    expect((await event.facilitator.request('DELETE', `/api/events/${event.info.id}`, {})).status).toBe(200);
    expect(await server.store.getLogo(event.info.id)).toBeUndefined();
  });
});
