import { limits } from '../../../shared/limits';
import type { AgendaItem } from '../../../shared/types';
import { moveItem, removeItem, replaceItem, type FieldErrors } from './detailsDraft';
import { FieldError } from './FieldError';
import { LineInput } from './ObjectivesEditor';
import { RowButtons } from './RowButtons';

/** The agenda as item | who rows, in order. */
export function AgendaEditor({ agenda, onChange, errors }: { agenda: AgendaItem[]; onChange(next: AgendaItem[]): void; errors: FieldErrors }) {
  const set = (index: number, row: AgendaItem) => onChange(replaceItem(agenda, index, row));
  return (
    <fieldset className="stack details-list">
      <legend>Agenda</legend>
      {agenda.length === 0 && <p className="hint">No agenda rows yet.</p>}
      <ol className="stack">
        {agenda.map((row, i) => (
          <li key={i} className="row details-agenda-row">
            <LineInput label={`Agenda row ${i + 1}: item`} value={row.item} placeholder="Item" error={errors[`agenda.${i}.item`]} onChange={(item) => set(i, { ...row, item })} />
            <LineInput
              label={`Agenda row ${i + 1}: who`}
              value={row.who}
              placeholder="Who"
              maxLength={limits.shortTextChars}
              error={errors[`agenda.${i}.who`]}
              onChange={(who) => set(i, { ...row, who })}
            />
            <RowButtons what={`agenda row ${i + 1}`} index={i} count={agenda.length} onMove={(to) => onChange(moveItem(agenda, i, to))} onRemove={() => onChange(removeItem(agenda, i))} />
          </li>
        ))}
      </ol>
      <FieldError id="agenda-error" message={errors.agenda} />
      <button type="button" className="secondary" disabled={agenda.length >= limits.listItems} onClick={() => onChange([...agenda, { item: '', who: '' }])}>
        Add an agenda row
      </button>
    </fieldset>
  );
}
