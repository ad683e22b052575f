import { useId } from 'react';
import { FieldError, errorProps } from './FieldError';

interface TextFieldProps {
  label: string;
  value: string;
  onChange(value: string): void;
  error?: string | undefined;
  maxLength: number;
  multiline?: boolean;
  type?: 'text' | 'date';
}

/** A labelled input (or textarea) with its error under it. */
export function TextField({ label, value, onChange, error, maxLength, multiline, type = 'text' }: TextFieldProps) {
  const id = useId();
  const shared = { id, value, maxLength, ...errorProps(`${id}-error`, error) };
  return (
    <div className="stack details-field">
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea {...shared} rows={5} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input {...shared} type={type} onChange={(e) => onChange(e.target.value)} />
      )}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}
