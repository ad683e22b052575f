import type { Template } from './types';

// Templates are data: the product's flows read questions and rooms from here, never from code paths.
export const appreciativeInquiry3q: Template = {
  id: 'appreciative-inquiry-3q',
  name: 'Appreciative Inquiry — three questions',
  description:
    'Appreciative Inquiry (AI) is a strengths-based approach to examining and developing the best in human systems.',
  questions: [
    { id: 'worked-well', prompt: 'What worked well?' },
    { id: 'build-on', prompt: 'What do we need to build on?' },
    { id: 'make-it-happen', prompt: 'How will we make it happen?' },
  ],
  rooms: [
    { id: 'provider-market', topic: 'Provider market' },
    { id: 'co-production', topic: 'Co-production and building community resilience' },
    { id: 'workforce', topic: 'Workforce' },
    { id: 'partnerships', topic: 'Partnerships' },
  ],
};

export const appreciativeInquiry4d: Template = {
  id: 'appreciative-inquiry-4d',
  name: 'Appreciative Inquiry — 4-D cycle',
  description: 'Discover, Dream, Design, Deliver: the classic four stages of an Appreciative Inquiry.',
  questions: [
    { id: 'discover', prompt: 'Discover: what gives life here at its best?' },
    { id: 'dream', prompt: 'Dream: what might be?' },
    { id: 'design', prompt: 'Design: what should be?' },
    { id: 'deliver', prompt: 'Deliver: what will we do, who, and by when?' },
  ],
  rooms: appreciativeInquiry3q.rooms,
};

export const templates: readonly Template[] = [appreciativeInquiry3q, appreciativeInquiry4d];

export const defaultTemplateId = appreciativeInquiry3q.id;

export function findTemplate(id: string): Template | undefined {
  return templates.find((t) => t.id === id);
}

/** The last question is the one whose answers become actions ("How will we make it happen?"). */
export function actionQuestionId(questions: readonly { id: string }[]): string | undefined {
  return questions[questions.length - 1]?.id;
}
