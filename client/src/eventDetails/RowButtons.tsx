/** Move up, move down and remove for one row of a list; `what` names the row for screen readers. */
export function RowButtons({ what, index, count, onMove, onRemove }: { what: string; index: number; count: number; onMove(to: number): void; onRemove(): void }) {
  return (
    <span className="row details-row-buttons">
      <button type="button" className="small secondary" disabled={index === 0} onClick={() => onMove(index - 1)}>
        Up<span className="visually-hidden"> {what}</span>
      </button>
      <button type="button" className="small secondary" disabled={index === count - 1} onClick={() => onMove(index + 1)}>
        Down<span className="visually-hidden"> {what}</span>
      </button>
      <button type="button" className="small danger" onClick={onRemove}>
        Remove<span className="visually-hidden"> {what}</span>
      </button>
    </span>
  );
}
