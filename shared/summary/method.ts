import { findTemplate } from '../templates';
import type { EventSummary } from './summaryModel';

// How the workshop worked, worded from its template: Appreciative Inquiry text only for an AI
// template, so a lessons-learned or SOAR event never reads as an AI one.

/**
 * True for an Appreciative Inquiry template. A summary without a templateId was drafted before
 * events could use other templates, when every event was an AI one.
 */
export function isAppreciativeTemplate(templateId: string | undefined): boolean {
  if (templateId === undefined) return true;
  const template = findTemplate(templateId);
  return /appreciative[ -]inquiry/i.test(`${templateId} ${template?.name ?? ''} ${template?.description ?? ''}`);
}

export const defaultThinkingIntro =
  'Participants split into groups, one for each topic, and each group considered the following questions.';

const boardMethod =
  'Each group wrote cards on a shared board under each question, then voted for the cards that mattered most. ' +
  'All cards are listed below with their votes; cards hidden by facilitators are left out.';

const aiIntro = 'Appreciative Inquiry (AI) is a strengths-based approach to examining and developing the best in human systems. ';

/** The appendix's method text when the event gives none. */
export function defaultMethodText(templateId: string | undefined): string {
  if (isAppreciativeTemplate(templateId)) return aiIntro + boardMethod;
  const description = templateId === undefined ? undefined : findTemplate(templateId)?.description;
  return (description ? `${description} ` : '') + boardMethod;
}

export function methodHeading(summary: Pick<EventSummary, 'templateId'>): string {
  return isAppreciativeTemplate(summary.templateId) ? 'Thinking appreciatively' : 'How the workshop worked';
}
