import { describe, expect, it } from 'vitest';
import { exportFilename, exportFormatNames, exportFormats, isExportFormat } from '../../../server/export/exportFormats';
import { exportOptions, exportSource } from '../../helpers/exportOptions';

describe('exportFormats', () => {
  const source = exportSource();

  it('renders every format with its own signature', async () => {
    const starts: Record<string, string> = { docx: 'PK', pdf: '%PDF-', md: '# ADASS', html: '<!doctype html>', csv: '\uFEFFevent,', json: '{' };
    for (const name of exportFormatNames) {
      const body = await exportFormats[name].render(source, exportOptions());
      const text = typeof body === 'string' ? body : body.subarray(0, 8).toString('latin1');
      expect(text.startsWith(starts[name] ?? '?'), name).toBe(true);
    }
    expect(exportFormats.docx.contentType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(exportFormats.csv.contentType).toMatch(/^text\/csv/);
  });

  it('accepts only known format names', () => {
    expect(isExportFormat('pdf')).toBe(true);
    expect(isExportFormat('exe')).toBe(false);
    expect(isExportFormat('__proto__')).toBe(false);
  });

  it('makes safe file names from the event title', () => {
    expect(exportFilename('ADASS Eastern Region COVID-19 Learning Event', 'docx')).toBe('adass-eastern-region-covid-19-learning-event-summary.docx');
    expect(exportFilename('../../etc/passwd "x"\r\n', 'csv')).toBe('etc-passwd-x-cards.csv');
    expect(exportFilename('Café équipe', 'pdf')).toBe('cafe-equipe-summary.pdf');
    expect(exportFilename('***', 'md')).toBe('event-summary.md');
    expect(exportFilename('a'.repeat(300), 'json')).toMatch(/^a{80}-data\.json$/);
  });
});
