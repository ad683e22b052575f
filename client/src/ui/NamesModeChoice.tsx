import { useId } from 'react';
import { namesModeChoices, namesModes } from '../../../shared/namesMode';
import type { NamesMode } from '../../../shared/types';

interface Props {
  value: NamesMode;
  onChange(mode: NamesMode): void;
  /** Why the choice cannot change now (people have joined); the radios are disabled and this is shown. */
  lockedReason?: string | null;
}

/** Names shown / hidden from other participants / anonymous: a radio group with a line on each. */
export function NamesModeChoice({ value, onChange, lockedReason }: Props) {
  const id = useId();
  const locked = !!lockedReason;
  return (
    <fieldset disabled={locked} aria-describedby={locked ? `${id}-locked` : undefined}>
      <legend>Names on the boards</legend>
      {locked && (
        <p className="hint" id={`${id}-locked`}>
          {lockedReason}
        </p>
      )}
      {namesModes.map((mode) => (
        <div key={mode}>
          <label className="choice">
            <input type="radio" name={`${id}-names`} value={mode} checked={value === mode} onChange={() => onChange(mode)} aria-describedby={`${id}-${mode}`} />
            {namesModeChoices[mode].label}
          </label>
          <p className="hint" id={`${id}-${mode}`}>
            {namesModeChoices[mode].explanation}
          </p>
        </div>
      ))}
    </fieldset>
  );
}
