import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ExportLinks } from '../../client/src/summary/ExportLinks';

afterEach(cleanup);

const hrefs = () => screen.getAllByRole('link').map((a) => a.getAttribute('href'));

describe('export panel names switch', () => {
  it('is off by default, warns about publishing names, and adds names=include to every download when ticked', () => {
    render(<ExportLinks eventId="ev1" namesMode="shown" />);
    const box = screen.getByRole<HTMLInputElement>('checkbox', { name: 'Include names of card writers' });
    expect(box.checked).toBe(false);
    expect(document.getElementById(box.getAttribute('aria-describedby') ?? '')?.textContent).toMatch(/people who draw on care and support/);
    expect(hrefs()).toContain('/api/events/ev1/export/pdf');
    expect(hrefs().every((href) => !href?.includes('names'))).toBe(true);
    expect(screen.getByRole('status').textContent).toBe('Downloads do not include names.');
    fireEvent.click(box);
    expect(hrefs()).toHaveLength(6);
    expect(hrefs().every((href) => href?.endsWith('?names=include'))).toBe(true);
    expect(screen.getByRole('status').textContent).toBe('Downloads include the names of card writers.');
  });

  it('offers no names switch for an anonymous event, and says why', () => {
    render(<ExportLinks eventId="ev1" namesMode="anonymous" />);
    expect(screen.queryByRole('checkbox')).toBeNull();
    expect(screen.getByText(/This event is anonymous/)).toBeTruthy();
    expect(hrefs().every((href) => !href?.includes('names'))).toBe(true);
  });
});
