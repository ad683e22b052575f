import { chartMax, sourceLine, type BulletItem, type DocBlock, type DocumentLogo, type SourceRef, type SummaryDocument } from '../../shared/summary/docBlocks';
import { firstStrongDirection, type TextDirection } from '../../shared/text/direction';
import { anchoredContents, contentsHeading, fitLogo, splitTitleBlock, type ContentsEntry } from './documentParts';
import { stripControlChars } from './plainText';

// A complete, printable HTML page. Every user string goes through escapeHtml: nothing a card says
// can become markup or script. Text whose direction differs from the page's (Arabic and Hebrew in
// a left-to-right page) carries its own dir, so it reads right to left.

export function escapeHtml(text: string): string {
  return stripControlChars(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const printCss = `
  body { font-family: "Noto Sans", "Noto Sans Arabic", "Noto Sans Hebrew", Arial, Helvetica, sans-serif; color: #1a1a1a; line-height: 1.5; margin: 0 auto; max-width: 50rem; padding: 2rem; }
  h1.title { font-size: 2rem; margin-bottom: .25rem; }
  h2 { border-bottom: 2px solid #2b6cb0; padding-bottom: .2rem; margin-top: 2rem; }
  h3 { margin-top: 1.5rem; }
  table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
  th, td { border: 1px solid #999; padding: .35rem .5rem; text-align: start; vertical-align: top; }
  th { background: #edf2f7; }
  .note, .sources { color: #555; font-size: .85em; }
  img.logo { display: block; margin-bottom: 1rem; }
  nav ul { list-style: none; padding-inline-start: 1rem; }
  footer { border-top: 1px solid #999; margin-top: 2rem; color: #555; font-size: .85em; }
  figure.chart { margin: 1rem 0; }
  .chart-row { display: grid; grid-template-columns: 14rem 1fr; gap: .5rem; align-items: center; margin: .25rem 0; }
  .chart-bar { display: inline-block; height: 1rem; background: #2b6cb0; vertical-align: middle; margin-right: .4rem; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  li { margin-bottom: .3rem; }
  @page { margin: 2cm; }
  @media print {
    body { padding: 0; max-width: none; font-size: 11pt; }
    h2, h3, h4 { break-after: avoid; }
    tr, li { break-inside: avoid; }
    thead { display: table-header-group; }
  }
`;

/** Renders blocks for one page: its direction, and the anchor of each heading. */
class HtmlWriter {
  constructor(
    private readonly pageDirection: TextDirection,
    private readonly anchorOf: ReadonlyMap<DocBlock, string>,
  ) {}

  /** ` dir="…"` when the text's first strong character goes against the direction it sits in (the page's unless said). */
  dir(text: string, context: TextDirection = this.pageDirection): string {
    const direction = firstStrongDirection(stripControlChars(text));
    return direction && direction !== context ? ` dir="${direction}"` : '';
  }

  /** An element holding one user text, in that text's direction. */
  text(tag: string, text: string, attributes = '', context?: TextDirection): string {
    return `<${tag}${attributes}${this.dir(text, context)}>${escapeHtml(text)}</${tag}>`;
  }

  /** Sub-points or source cards as a nested list inside an item written in `context`. */
  subList(texts: readonly string[], className?: string, context?: TextDirection): string {
    return texts.length ? `\n<ul${className ? ` class="${className}"` : ''}>\n${texts.map((t) => this.text('li', t, '', context)).join('\n')}\n</ul>` : '';
  }

  sources(sources: readonly SourceRef[] | undefined, context?: TextDirection): string {
    return this.subList((sources ?? []).map(sourceLine), 'sources', context);
  }

  item(item: BulletItem): string {
    // What the item holds sits in the item's direction, so each part says when it differs from it.
    const own = firstStrongDirection(stripControlChars(item.text)) ?? this.pageDirection;
    const note = item.note ? `<br>${this.text('span', item.note, ' class="note"', own)}` : '';
    return `<li${this.dir(item.text)}>${escapeHtml(item.text)}${note}${this.subList(item.points ?? [], undefined, own)}${this.sources(item.sources, own)}</li>`;
  }

  table(header: readonly string[], rows: readonly string[][], rowSources?: readonly SourceRef[][]): string {
    const columns = rowSources ? [...header, 'Sources'] : header;
    const head = columns.map((h) => this.text('th', h, ' scope="col"')).join('');
    const body = rows.map((r, i) => `<tr>${r.map((c) => this.text('td', c)).join('')}${rowSources ? `<td>${this.sources(rowSources[i]).trimStart()}</td>` : ''}</tr>`);
    return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body.join('\n')}\n</tbody>\n</table>`;
  }

  block(block: DocBlock): string {
    switch (block.kind) {
      case 'title':
        return this.text('h1', block.text, ` class="title" id="${escapeHtml(this.anchorOf.get(block) ?? 'title')}"`);
      case 'heading':
        // The title is the page's h1, so section levels move down one.
        return this.text(`h${block.level + 1}`, block.text, ` id="${escapeHtml(this.anchorOf.get(block) ?? '')}"`);
      case 'paragraph':
        return block.strong ? `<p${this.dir(block.text)}><strong>${escapeHtml(block.text)}</strong></p>` : this.text('p', block.text);
      case 'note':
        return this.text('p', block.text, ' class="note"');
      case 'bullets': {
        const tag = block.ordered ? 'ol' : 'ul';
        return `<${tag}>\n${block.items.map((item) => this.item(item)).join('\n')}\n</${tag}>`;
      }
      case 'chart': {
        const max = chartMax(block.bars);
        const rows = block.bars.map((bar) => {
          const width = max > 0 ? Math.round((bar.value / max) * 100) : 0;
          return `<div class="chart-row">${this.text('span', bar.label)}<span><span class="chart-bar" style="width:${width}%"></span>${bar.value} ${escapeHtml(block.unit)}</span></div>`;
        });
        return `<figure class="chart">\n<figcaption${this.dir(block.caption)}><strong>${escapeHtml(block.caption)}</strong></figcaption>\n${rows.join('\n')}\n</figure>`;
      }
      case 'table':
        return this.table(block.header, block.rows, block.rowSources);
    }
  }

  /** Links to the sections and their groups, nested as the headings are. */
  contents(entries: readonly ContentsEntry[]): string {
    const link = (e: ContentsEntry) => `<a href="#${escapeHtml(e.anchor)}"${this.dir(e.text)}>${escapeHtml(e.text)}</a>`;
    const items: string[] = [];
    entries.forEach((entry, i) => {
      if (entry.level !== 1) return;
      const next = entries.findIndex((e, j) => j > i && e.level === 1);
      const children = entries.slice(i + 1, next < 0 ? undefined : next).map((e) => `<li>${link(e)}</li>`);
      items.push(`<li>${link(entry)}${children.length ? `\n<ul>\n${children.join('\n')}\n</ul>` : ''}</li>`);
    });
    return `<nav aria-label="${contentsHeading}">\n<h2 id="contents">${contentsHeading}</h2>\n<ul>\n${items.join('\n')}\n</ul>\n</nav>`;
  }
}

/** 60 pt high at most, as in the other formats; 80 CSS pixels. */
const logoBox = { maxHeight: 80, maxWidth: 640 };
const logoTypes = new Set(['image/png', 'image/jpeg']);

function logoImage(logo: DocumentLogo): string {
  // The type is checked again here because it goes into a data: URI.
  if (!logoTypes.has(logo.mime)) return '';
  const { width, height } = fitLogo(logo, logoBox);
  const data = Buffer.from(logo.bytes).toString('base64');
  return `<img class="logo" src="data:${logo.mime};base64,${data}" alt="${escapeHtml(logo.alt)}" width="${width}" height="${height}">`;
}

export function toHtml(document: SummaryDocument): string {
  const { titleBlock, body } = splitTitleBlock(document.blocks);
  const { anchorOf, entries } = anchoredContents(document.blocks, 2);
  const pageDirection = firstStrongDirection(stripControlChars(document.title)) ?? 'ltr';
  const writer = new HtmlWriter(pageDirection, anchorOf);
  const blocks = (list: readonly DocBlock[]) => list.map((block) => writer.block(block)).join('\n');
  return `<!doctype html>
<html lang="${escapeHtml(document.lang)}" dir="${pageDirection}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(document.title)}</title>
<style>${printCss}</style>
</head>
<body>
<main>
${document.logo ? `${logoImage(document.logo)}\n` : ''}${blocks(titleBlock)}
${writer.contents(entries)}
${blocks(body)}
</main>
<footer>
${writer.text('p', document.provenance)}
</footer>
</body>
</html>
`;
}
