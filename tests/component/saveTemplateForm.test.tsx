import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { Socket } from 'socket.io-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SaveTemplateForm } from '../../client/src/questions/SaveTemplateForm';

afterEach(cleanup);

// The socket is the boundary: a stand-in that answers each command as the server would.
function socketAnswering(answer: unknown) {
  const emitWithAck = vi.fn(async () => answer);
  return { socket: { timeout: () => ({ emitWithAck }) } as unknown as Socket, emitWithAck };
}

async function submit(name: string) {
  fireEvent.change(screen.getByLabelText('Template name'), { target: { value: name } });
  await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save as template' })));
}

describe('saving a template (one command, its status and its refusal)', () => {
  it('announces what was saved and empties the form', async () => {
    const { socket, emitWithAck } = socketAnswering({ ok: true, data: { name: 'Winter review' } });
    render(<SaveTemplateForm socket={socket} />);
    await submit('Winter review');
    expect(emitWithAck).toHaveBeenCalledWith('template:save', { name: 'Winter review', description: '' });
    expect(screen.getByRole('status').textContent).toContain('Saved “Winter review”.');
    expect(screen.getByLabelText<HTMLInputElement>('Template name').value).toBe('');
  });

  it('shows the server’s refusal and keeps what was typed', async () => {
    const { socket } = socketAnswering({ ok: false, error: { code: 'duplicate', message: 'A template with that name exists.' } });
    render(<SaveTemplateForm socket={socket} />);
    await submit('Winter review');
    expect(screen.getByText('A template with that name exists.')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('');
    expect(screen.getByLabelText<HTMLInputElement>('Template name').value).toBe('Winter review');
  });

  it('sends nothing while the name is missing', async () => {
    const { socket, emitWithAck } = socketAnswering({ ok: true, data: { name: 'x' } });
    render(<SaveTemplateForm socket={socket} />);
    await submit('');
    expect(emitWithAck).not.toHaveBeenCalled();
  });
});
