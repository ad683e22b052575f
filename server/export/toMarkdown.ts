import { chartMax, sourceLine, textBar, type DocBlock, type SourceRef, type SummaryDocument } from '../../shared/summary/docBlocks';
import { anchoredContents, contentsHeading, splitTitleBlock, type ContentsEntry } from './documentParts';
import { oneLine } from './plainText';

// Markdown for wikis and repos. User text is escaped so a card cannot inject headings, links or HTML.
// The logo is left out: Markdown renderers drop data: images, and there is no file to link to.

export function escapeMarkdown(text: string): string {
  return oneLine(text)
    .replace(/[\\`*_{}[\]<>|~!#]/g, '\\$&')
    .replace(/^[-+=]/, '\\$&')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

function cellText(text: string): string {
  return escapeMarkdown(text) || ' ';
}

function sourceCell(sources: readonly SourceRef[] | undefined): string {
  return (sources ?? []).map(sourceLine).join('; ');
}

/** Links to the sections and, indented under them, their groups; GitHub gives headings these anchors. */
function contents(entries: readonly ContentsEntry[]): string {
  const links = entries.map((e) => `${e.level === 1 ? '' : '  '}- [${escapeMarkdown(e.text)}](#${e.anchor})`);
  return [`## ${contentsHeading}`, '', ...links].join('\n');
}

function blockToMarkdown(block: DocBlock): string {
  switch (block.kind) {
    case 'title':
      return `# ${escapeMarkdown(block.text)}`;
    case 'heading':
      return `${'#'.repeat(block.level + 1)} ${escapeMarkdown(block.text)}`;
    case 'paragraph':
      return block.strong ? `**${escapeMarkdown(block.text)}**` : escapeMarkdown(block.text);
    case 'note':
      return `_${escapeMarkdown(block.text)}_`;
    case 'bullets':
      return block.items
        .map((item, i) => {
          const marker = block.ordered ? `${i + 1}.` : '-';
          const note = item.note ? `  \n  _${escapeMarkdown(item.note)}_` : '';
          // Sub-points and source cards are indented past the parent's marker, which makes them a nested list.
          const nested = [...(item.points ?? []), ...(item.sources ?? []).map(sourceLine)];
          const points = nested.map((point) => `\n${' '.repeat(marker.length + 1)}- ${escapeMarkdown(point)}`).join('');
          return `${marker} ${escapeMarkdown(item.text)}${note}${points}`;
        })
        .join('\n');
    case 'chart': {
      const max = chartMax(block.bars);
      const lines = block.bars.map((bar) => `- ${escapeMarkdown(bar.label)}: \`${textBar(bar.value, max)}\` ${bar.value} ${escapeMarkdown(block.unit)}`);
      return [`**${escapeMarkdown(block.caption)}**`, '', ...lines].join('\n');
    }
    case 'table': {
      // A table cell holds no list, so a row's source cards share its last cell.
      const sources = block.rowSources;
      const header = sources ? [...block.header, 'Sources'] : block.header;
      const rows = block.rows.map((r, i) => (sources ? [...r, sourceCell(sources[i])] : r));
      const row = (cells: string[]) => `| ${cells.map(cellText).join(' | ')} |`;
      return [row(header), `|${header.map(() => ' --- |').join('')}`, ...rows.map(row)].join('\n');
    }
  }
}

export function toMarkdown(document: SummaryDocument): string {
  const { titleBlock, body } = splitTitleBlock(document.blocks);
  const { entries } = anchoredContents(document.blocks, 2);
  const parts = [...titleBlock.map(blockToMarkdown), contents(entries), ...body.map(blockToMarkdown), '---', `_${escapeMarkdown(document.provenance)}_`];
  return parts.join('\n\n') + '\n';
}
