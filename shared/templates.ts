import type { Template } from './types';

// Templates are data: the product's flows read questions and rooms from here, never from code paths.
// Question ids are stable once published (cards and summaries refer to them), so never rename one.
export const appreciativeInquiry3q: Template = {
  id: 'appreciative-inquiry-3q',
  name: 'Appreciative Inquiry — three questions',
  description:
    'Appreciative Inquiry (AI) is a strengths-based approach to examining and developing the best in human systems.',
  questions: [
    { id: 'worked-well', prompt: 'What worked well?', hint: 'Moments, practices or partnerships you are proud of.' },
    { id: 'build-on', prompt: 'What do we need to build on?', hint: 'Strengths worth growing or spreading.' },
    { id: 'make-it-happen', prompt: 'How will we make it happen?', hint: 'Concrete next steps: what, who and by when.' },
  ],
  rooms: [
    { id: 'provider-market', topic: 'Provider market' },
    { id: 'co-production', topic: 'Co-production and building community resilience' },
    { id: 'workforce', topic: 'Workforce' },
    { id: 'partnerships', topic: 'Partnerships' },
  ],
};

// The other templates start from the same four rooms: the organiser changes topics on /new anyway.
const rooms = appreciativeInquiry3q.rooms;

export const appreciativeInquiry4d: Template = {
  id: 'appreciative-inquiry-4d',
  name: 'Appreciative Inquiry — 4-D cycle',
  description: 'Discover, Dream, Design, Deliver: the classic four stages of an Appreciative Inquiry.',
  questions: [
    { id: 'discover', prompt: 'Discover: what gives life here at its best?', hint: 'Stories of times when things worked really well.' },
    { id: 'dream', prompt: 'Dream: what might be?', hint: 'Imagine the best possible future.' },
    { id: 'design', prompt: 'Design: what should be?', hint: 'What would need to be true for the dream to happen?' },
    { id: 'deliver', prompt: 'Deliver: what will we do, who, and by when?', hint: 'Commitments with a name and a date.' },
  ],
  rooms,
};

export const lessonsLearned: Template = {
  id: 'lessons-learned',
  name: 'Lessons learned',
  description: 'Look back at what changed: what to keep, what to leave behind, and what to stop or bring back.',
  questions: [
    {
      id: 'started-continue',
      prompt: 'What have we STARTED doing that we want to CONTINUE with?',
      hint: 'New ways of working that have proved their worth.',
      secondField: 'What enabled the change?',
    },
    {
      id: 'stopped-not-restart',
      prompt: "What have we STOPPED doing that we don't want to RESTART?",
      hint: 'Old habits we are better off without.',
      secondField: 'What enabled the change?',
    },
    {
      id: 'started-stop',
      prompt: 'What have we STARTED doing that we will need to STOP?',
      hint: 'Temporary measures or workarounds that should end.',
      secondField: 'How will we move forward?',
    },
    {
      id: 'stopped-restart',
      prompt: 'What have we STOPPED doing that we will need to RESTART?',
      hint: 'Things that were paused and are missed.',
      secondField: 'How will we move forward?',
    },
  ],
  rooms,
};

export const startStopContinue: Template = {
  id: 'start-stop-continue',
  name: 'Start, Stop, Continue',
  description: 'A quick retrospective: what to begin, what to drop and what to keep doing.',
  questions: [
    { id: 'start', prompt: 'What should we start doing?', hint: 'Ideas we have not tried yet.' },
    { id: 'stop', prompt: 'What should we stop doing?', hint: 'What costs more than it gives.' },
    { id: 'continue', prompt: 'What should we continue doing?', hint: 'What works and should be kept.' },
  ],
  rooms,
};

export const soar: Template = {
  id: 'soar',
  name: 'SOAR',
  description: 'Strengths, Opportunities, Aspirations, Results: a strengths-based alternative to a SWOT analysis.',
  questions: [
    { id: 'strengths', prompt: 'Strengths: what are we best at?', hint: 'What we can build on.' },
    { id: 'opportunities', prompt: 'Opportunities: what could we make the most of?', hint: 'Changes, partners or ideas around us.' },
    { id: 'aspirations', prompt: 'Aspirations: what do we want to become?', hint: 'Our preferred future.' },
    { id: 'results', prompt: 'Results: how will we know we have got there?', hint: 'Measures people would notice.' },
  ],
  rooms,
};

export const whatSoWhatNowWhat: Template = {
  id: 'what-so-what-now-what',
  name: 'What? So what? Now what?',
  description: 'Reflect on an experience: what happened, why it matters, and what to do next.',
  questions: [
    { id: 'what', prompt: 'What? What happened?', hint: 'Facts and observations, not judgements.' },
    { id: 'so-what', prompt: 'So what? Why does it matter?', hint: 'Patterns, meaning and what we learned.' },
    { id: 'now-what', prompt: 'Now what? What will we do next?', hint: 'Actions that follow from what we learned.' },
  ],
  rooms,
};

export const templates: readonly Template[] = [
  appreciativeInquiry3q,
  appreciativeInquiry4d,
  lessonsLearned,
  startStopContinue,
  soar,
  whatSoWhatNowWhat,
];

export const defaultTemplateId = appreciativeInquiry3q.id;

/** Recorded as an event's templateId when the organiser wrote their own questions. */
export const customTemplateId = 'custom';

export function findTemplate(id: string): Template | undefined {
  return templates.find((t) => t.id === id);
}

/** The last question is the one whose answers become actions ("How will we make it happen?"). */
export function actionQuestionId(questions: readonly { id: string }[]): string | undefined {
  return questions[questions.length - 1]?.id;
}
