/** A few labelled numbers as a description list (label under the number, as the CSS of `className` lays out). */
export function Figures({ figures, className }: { figures: readonly [label: string, value: string | number][]; className: string }) {
  return (
    <dl className={className}>
      {figures.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
