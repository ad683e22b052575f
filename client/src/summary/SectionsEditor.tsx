import { useId, useState } from 'react';
import { sectionHeading } from '../../../shared/summary/documentModel';
import {
  addBuiltInSection,
  addFreeSection,
  builtInLabels,
  freeSectionText,
  keyMessageLayout,
  missingBuiltIns,
  moveSection,
  parseFreeText,
  removeSection,
  renameSection,
  setFreeSectionBlocks,
  setKeyMessageLayout,
  summarySections,
  type BuiltInKind,
  type SummarySection,
} from '../../../shared/summary/sections';
import type { EventSummary, KeyMessageLayout } from '../../../shared/summary/summaryModel';
import { CommitField } from '../ui/CommitField';
import type { ApplySummary } from './useSummary';

interface Props {
  summary: EventSummary;
  apply: ApplySummary;
}

/** The document's shape: its sections in order (add, rename, move, remove, free text) and the key-message layout. */
export function SectionsEditor({ summary, apply }: Props) {
  const sections = summarySections(summary);
  return (
    <section className="panel stack" aria-labelledby="sections-heading">
      <h2 id="sections-heading">Sections of the summary</h2>
      <p className="hint">The preview and every export follow this order. Free sections hold speaker notes, lessons or priorities.</p>
      <LayoutSwitch layout={keyMessageLayout(summary)} onChange={(layout) => apply((s) => setKeyMessageLayout(s, layout))} />
      <ol className="section-list stack">
        {sections.map((section, index) => (
          <SectionItem key={section.id} summary={summary} section={section} first={index === 0} last={index === sections.length - 1} apply={apply} />
        ))}
      </ol>
      <AddSection summary={summary} apply={apply} />
    </section>
  );
}

function LayoutSwitch({ layout, onChange }: { layout: KeyMessageLayout; onChange(layout: KeyMessageLayout): void }) {
  const name = useId();
  const options: [KeyMessageLayout, string][] = [
    ['by-room', 'By room (room, then each question)'],
    ['by-question', 'By question (one table per question, a row per room)'],
  ];
  return (
    <fieldset className="row">
      <legend>Key messages</legend>
      {options.map(([value, label]) => (
        <label key={value} className="choice">
          <input type="radio" name={name} value={value} checked={layout === value} onChange={() => onChange(value)} />
          {label}
        </label>
      ))}
    </fieldset>
  );
}

interface ItemProps extends Props {
  section: SummarySection;
  first: boolean;
  last: boolean;
}

function SectionItem({ summary, section, first, last, apply }: ItemProps) {
  const heading = sectionHeading(summary, section);
  return (
    <li className="section-item stack">
      <CommitField label={`Heading of section “${heading}”`} value={heading} maxLength={200} onCommit={(text) => apply((s) => renameSection(s, section.id, text))} />
      {section.kind === 'free' && (
        <CommitField
          label={`Text of “${heading}” (blank line between paragraphs, “- ” starts a bullet)`}
          multiline
          value={freeSectionText(section.blocks)}
          onCommit={(text) => apply((s) => setFreeSectionBlocks(s, section.id, parseFreeText(text)))}
        />
      )}
      <div className="row" role="group" aria-label={`Actions for section “${heading}”`}>
        <button type="button" className="small secondary" disabled={first} onClick={() => apply((s) => moveSection(s, section.id, 'up'))}>
          Move up<span className="visually-hidden"> “{heading}”</span>
        </button>
        <button type="button" className="small secondary" disabled={last} onClick={() => apply((s) => moveSection(s, section.id, 'down'))}>
          Move down<span className="visually-hidden"> “{heading}”</span>
        </button>
        <button type="button" className="small secondary" onClick={() => apply((s) => removeSection(s, section.id))}>
          Remove<span className="visually-hidden"> “{heading}”</span>
        </button>
      </div>
    </li>
  );
}

function AddSection({ summary, apply }: Props) {
  const selectId = useId();
  const missing = missingBuiltIns(summary);
  const [kind, setKind] = useState<BuiltInKind | ''>('');
  const chosen = kind && missing.includes(kind) ? kind : missing[0];
  return (
    <div className="row">
      <button type="button" className="small" onClick={() => apply((s) => addFreeSection(s, 'New section'))}>
        Add a free section
      </button>
      {chosen && (
        <>
          <label htmlFor={selectId}>Removed section</label>
          <select id={selectId} value={chosen} onChange={(e) => setKind(e.target.value as BuiltInKind)}>
            {missing.map((k) => (
              <option key={k} value={k}>
                {builtInLabels[k]}
              </option>
            ))}
          </select>
          <button type="button" className="small secondary" onClick={() => apply((s) => addBuiltInSection(s, chosen))}>
            Add it back
          </button>
        </>
      )}
    </div>
  );
}
