import { chartMax, type DocBlock } from '../../../shared/summary/docBlocks';

/** The summary exactly as it will be exported, drawn from the same document model as Word and PDF. */
export function DocumentPreview({ blocks }: { blocks: DocBlock[] }) {
  return (
    <article className="doc-preview" aria-label="Preview of the exported summary">
      {blocks.map((block, i) => {
        switch (block.kind) {
          case 'title':
            return (
              <p key={i} className="doc-title">
                {block.text}
              </p>
            );
          case 'heading': {
            // Preview headings sit one level below the page's own h1/h2.
            const Tag = (['h3', 'h4', 'h5'] as const)[block.level - 1]!;
            return <Tag key={i}>{block.text}</Tag>;
          }
          case 'paragraph':
            return <p key={i}>{block.strong ? <strong>{block.text}</strong> : block.text}</p>;
          case 'note':
            return (
              <p key={i} className="doc-note">
                {block.text}
              </p>
            );
          case 'bullets': {
            const List = block.ordered ? 'ol' : 'ul';
            return (
              <List key={i}>
                {block.items.map((item, j) => (
                  <li key={j}>
                    {item.text}
                    {item.note && <span className="doc-note"> — {item.note}</span>}
                    {item.points && item.points.length > 0 && (
                      <ul>
                        {item.points.map((point, k) => (
                          <li key={k}>{point}</li>
                        ))}
                      </ul>
                    )}
                  </li>
                ))}
              </List>
            );
          }
          case 'chart': {
            const max = chartMax(block.bars);
            return (
              <figure key={i} className="doc-chart">
                <figcaption>{block.caption}</figcaption>
                {block.bars.map((bar) => (
                  <div key={bar.label} className="doc-chart-row">
                    <span>{bar.label}</span>
                    <span>
                      <span className="bar" style={{ width: `${max ? (bar.value / max) * 70 : 0}%` }} aria-hidden="true" />
                      <span className="bar-value">
                        {bar.value} {block.unit}
                      </span>
                    </span>
                  </div>
                ))}
              </figure>
            );
          }
          case 'table':
            return (
              <table key={i} className="doc-table">
                <thead>
                  <tr>
                    {block.header.map((h, j) => (
                      <th key={j} scope="col">
                        {h}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {block.rows.map((row, j) => (
                    <tr key={j}>
                      {row.map((cell, k) => (
                        <td key={k}>{cell}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            );
        }
      })}
    </article>
  );
}
