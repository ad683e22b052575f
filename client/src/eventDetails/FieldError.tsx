/** An error shown under its field; the field points at it with aria-describedby (see errorProps). */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="error field-error">
      {message}
    </p>
  );
}

/** aria-invalid and aria-describedby for a field whose error (if any) has the given id. */
export function errorProps(id: string, message: string | undefined) {
  return message ? { 'aria-invalid': true, 'aria-describedby': id } : {};
}
