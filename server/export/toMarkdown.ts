import { chartMax, textBar, type DocBlock, type SummaryDocument } from '../../shared/summary/docBlocks';
import { oneLine } from './plainText';

// Markdown for wikis and repos. User text is escaped so a card cannot inject headings, links or HTML.

export function escapeMarkdown(text: string): string {
  return oneLine(text)
    .replace(/[\\`*_{}\[\]<>|~!#]/g, '\\$&')
    .replace(/^[-+=]/, '\\$&')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

function cellText(text: string): string {
  return escapeMarkdown(text) || ' ';
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
          // Sub-points are indented past the parent's marker, which makes them a nested list.
          const points = (item.points ?? []).map((point) => `\n${' '.repeat(marker.length + 1)}- ${escapeMarkdown(point)}`).join('');
          return `${marker} ${escapeMarkdown(item.text)}${note}${points}`;
        })
        .join('\n');
    case 'chart': {
      const max = chartMax(block.bars);
      const lines = block.bars.map((bar) => `- ${escapeMarkdown(bar.label)}: \`${textBar(bar.value, max)}\` ${bar.value} ${escapeMarkdown(block.unit)}`);
      return [`**${escapeMarkdown(block.caption)}**`, '', ...lines].join('\n');
    }
    case 'table': {
      const row = (cells: string[]) => `| ${cells.map(cellText).join(' | ')} |`;
      return [row(block.header), `|${block.header.map(() => ' --- |').join('')}`, ...block.rows.map(row)].join('\n');
    }
  }
}

export function toMarkdown(document: SummaryDocument): string {
  const blocks = document.blocks;
  return blocks.map(blockToMarkdown).join('\n\n') + '\n';
}
