/** The logo's alternative text, the same in every export and in the preview: it names the organiser. */
export function logoAltText(organiser: string): string {
  const name = organiser.trim();
  return name ? `Logo of ${name}` : 'Organisation logo';
}
