import { chartMax, type DocBlock, type SummaryDocument } from '../../shared/summary/docBlocks';
import { stripControlChars } from './plainText';

// A complete, printable HTML page. Every user string goes through escapeHtml: nothing a card says
// can become markup or script.

export function escapeHtml(text: string): string {
  return stripControlChars(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const printCss = `
  body { font-family: Arial, Helvetica, sans-serif; color: #1a1a1a; line-height: 1.5; margin: 0 auto; max-width: 50rem; padding: 2rem; }
  h1.title { font-size: 2rem; margin-bottom: .25rem; }
  h2 { border-bottom: 2px solid #2b6cb0; padding-bottom: .2rem; margin-top: 2rem; }
  h3 { margin-top: 1.5rem; }
  table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
  th, td { border: 1px solid #999; padding: .35rem .5rem; text-align: left; vertical-align: top; }
  th { background: #edf2f7; }
  .note { color: #555; font-size: .85em; }
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

/** An item's sub-points as a nested list inside its <li>. */
function subList(points: readonly string[] | undefined): string {
  return points?.length ? `\n<ul>\n${points.map((point) => `<li>${escapeHtml(point)}</li>`).join('\n')}\n</ul>` : '';
}

function blockToHtml(block: DocBlock): string {
  switch (block.kind) {
    case 'title':
      return `<h1 class="title">${escapeHtml(block.text)}</h1>`;
    case 'heading':
      // The title is the page's h1, so section levels move down one.
      return `<h${block.level + 1}>${escapeHtml(block.text)}</h${block.level + 1}>`;
    case 'paragraph':
      return block.strong ? `<p><strong>${escapeHtml(block.text)}</strong></p>` : `<p>${escapeHtml(block.text)}</p>`;
    case 'note':
      return `<p class="note">${escapeHtml(block.text)}</p>`;
    case 'bullets': {
      const tag = block.ordered ? 'ol' : 'ul';
      const items = block.items.map(
        (item) =>
          `<li>${escapeHtml(item.text)}${item.note ? `<br><span class="note">${escapeHtml(item.note)}</span>` : ''}${subList(item.points)}</li>`,
      );
      return `<${tag}>\n${items.join('\n')}\n</${tag}>`;
    }
    case 'chart': {
      const max = chartMax(block.bars);
      const rows = block.bars.map((bar) => {
        const width = max > 0 ? Math.round((bar.value / max) * 100) : 0;
        return `<div class="chart-row"><span>${escapeHtml(bar.label)}</span><span><span class="chart-bar" style="width:${width}%"></span>${bar.value} ${escapeHtml(block.unit)}</span></div>`;
      });
      return `<figure class="chart">\n<figcaption><strong>${escapeHtml(block.caption)}</strong></figcaption>\n${rows.join('\n')}\n</figure>`;
    }
    case 'table': {
      const head = block.header.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('');
      const rows = block.rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`);
      return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
    }
  }
}

export function toHtml(document: SummaryDocument): string {
  const blocks = document.blocks;
  const title = blocks.find((b) => b.kind === 'title')?.text ?? 'Event summary';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>${printCss}</style>
</head>
<body>
<main>
${blocks.map(blockToHtml).join('\n')}
</main>
</body>
</html>
`;
}
