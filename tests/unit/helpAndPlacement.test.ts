import { describe, expect, it } from 'vitest';
import { initialControlState, normaliseControlState, withPhase, currentBroadcastsFor, type ControlState } from '../../shared/control';
import { decideHelpStep, helpNotice, helpShownTo, isHelpActive, nextHelpSteps, normaliseHelpRequest, type HelpRequest } from '../../shared/helpRequests';
import { isAwaitingPlacement, joinPlacementWording, withPlaced, withPlacementMode } from '../../shared/placement';

const request = (status: HelpRequest['status'], id = 'h1', participantId = 'p1'): HelpRequest => ({ id, participantId, name: 'Amira', roomId: 'r1', at: 1, status });

describe('help request steps', () => {
  it('go forward, may skip, never go back; closed requests stay closed; the same step twice is accepted unchanged', () => {
    expect(decideHelpStep(request('sent'), 'seen')).toEqual({ ok: true, request: request('seen') });
    expect(decideHelpStep(request('sent'), 'handled')).toEqual({ ok: true, request: request('handled') });
    const same = request('on-the-way');
    expect(decideHelpStep(same, 'on-the-way')).toEqual({ ok: true, request: same });
    expect(decideHelpStep(request('on-the-way'), 'seen')).toMatchObject({ ok: false, code: 'help_step_passed' });
    expect(decideHelpStep(request('handled'), 'seen')).toMatchObject({ ok: false, code: 'help_closed' });
    expect(decideHelpStep(request('cancelled'), 'handled')).toMatchObject({ ok: false, code: 'help_closed' });
  });

  it('the facilitator is offered only the steps ahead', () => {
    expect(nextHelpSteps('sent')).toEqual(['seen', 'on-the-way', 'handled']);
    expect(nextHelpSteps('seen')).toEqual(['on-the-way', 'handled']);
    expect(nextHelpSteps('on-the-way')).toEqual(['handled']);
    expect(nextHelpSteps('handled')).toEqual([]);
  });

  it('active until handled or cancelled; stored "open" reads as "sent"', () => {
    expect(['sent', 'seen', 'on-the-way', 'handled', 'cancelled'].map((s) => isHelpActive({ status: s as HelpRequest['status'] }))).toEqual([true, true, true, false, false]);
    expect(normaliseHelpRequest({ ...request('sent'), status: 'open' })).toEqual(request('sent'));
  });

  it('the participant sees their latest request unless they cancelled it, in words for each step', () => {
    const help = [request('handled', 'a'), request('sent', 'b', 'p2'), request('seen', 'c')];
    expect(helpShownTo(help, 'p1')?.id).toBe('c');
    expect(helpShownTo([...help, request('cancelled', 'd')], 'p1')).toBeNull();
    expect(helpShownTo(help, 'p3')).toBeNull();
    expect(helpNotice('sent')).toBe('Your request was sent — a facilitator will see it shortly.');
    expect(helpNotice('handled')).toBe('Your request was marked handled. Ask again if you still need help.');
    expect(helpNotice('on-the-way')).not.toMatch(/cancel/i);
  });
});

describe('stages and stale messages', () => {
  it('a new stage hides the messages sent before it; the same stage again changes nothing', () => {
    const state: ControlState = { ...initialControlState(), phase: 'breakouts', broadcasts: [{ id: 'b1', text: '10 minutes left', roomId: null, at: 100 }] };
    expect(currentBroadcastsFor(state, 'r1').map((b) => b.id)).toEqual(['b1']);
    expect(withPhase(state, 'breakouts', 200)).toBe(state);
    const closed = withPhase(state, 'closed', 200);
    expect(currentBroadcastsFor(closed, 'r1')).toEqual([]);
    const later = { ...closed, broadcasts: [...closed.broadcasts, { id: 'b2', text: 'Thanks', roomId: 'r1', at: 250 }] };
    expect(currentBroadcastsFor(later, 'r1').map((b) => b.id)).toEqual(['b2']);
    expect(currentBroadcastsFor(later, 'r2')).toEqual([]);
  });

  it('a state stored before these fields existed reads with defaults', () => {
    const old = { version: 3, phase: 'voting', help: [{ ...request('sent'), status: 'open' }] } as unknown as ControlState;
    const state = normaliseControlState(old);
    expect(state).toMatchObject({ version: 3, phase: 'voting', phaseSince: 0, placement: { since: 0, placed: [] } });
    expect(state.help[0]!.status).toBe('sent');
  });
});

describe('facilitator placement', () => {
  const joiner = (id: string, at: number) => ({ id, joinedAt: new Date(at).toISOString() });

  it('joiners wait in facilitator mode only, until placed', () => {
    const state = initialControlState();
    expect(isAwaitingPlacement('facilitator', state.placement, joiner('p1', 1000))).toBe(true);
    expect(isAwaitingPlacement('auto', state.placement, joiner('p1', 1000))).toBe(false);
    expect(isAwaitingPlacement('self-select', state.placement, joiner('p1', 1000))).toBe(false);
    const placed = withPlaced(state, ['p1']);
    expect(isAwaitingPlacement('facilitator', placed.placement, joiner('p1', 1000))).toBe(false);
    expect(withPlaced(placed, ['p1'])).toBe(placed);
  });

  it('switching to facilitator mode later leaves earlier joiners in their rooms', () => {
    const state = withPlacementMode(initialControlState(), 'self-select', 'facilitator', 5000);
    expect(isAwaitingPlacement('facilitator', state.placement, joiner('early', 4000))).toBe(false);
    expect(isAwaitingPlacement('facilitator', state.placement, joiner('late', 6000))).toBe(true);
    // Choosing the mode it already has changes nothing.
    expect(withPlacementMode(state, 'facilitator', 'facilitator', 9000)).toBe(state);
  });

  it('the join page words each mode differently', () => {
    expect(joinPlacementWording.auto).toMatch(/automatically/);
    expect(joinPlacementWording.facilitator).toMatch(/Your facilitator will place you in a room/);
  });
});
