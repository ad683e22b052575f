import type { Template } from '../../../shared/types';
import { maxQuestions } from './questionDrafts';

/** The radio value for "Write your own questions"; never a template id (those are slugs without it). */
export const ownQuestions = 'own-questions';

interface Props {
  templates: readonly Template[];
  value: string;
  onChange(value: string): void;
}

/**
 * The template library as one radio group. Each option's description and questions are tied to its radio
 * with aria-describedby, so a screen reader hears what the organiser would get before choosing.
 */
export function TemplateChoice({ templates, value, onChange }: Props) {
  return (
    <fieldset className="template-choice">
      <legend>Questions</legend>
      {templates.map((template) => {
        const id = `tpl-${template.id}`;
        return (
          <div key={template.id} className="template-option">
            <label className="choice">
              <input
                type="radio"
                name="template"
                value={template.id}
                checked={value === template.id}
                onChange={() => onChange(template.id)}
                aria-describedby={`${id}-about`}
              />
              {template.name}
            </label>
            <div id={`${id}-about`} className="template-about">
              <p className="hint">{template.description}</p>
              <ol className="template-questions">
                {template.questions.map((q) => (
                  <li key={q.id}>{q.prompt}</li>
                ))}
              </ol>
            </div>
          </div>
        );
      })}
      <div className="template-option">
        <label className="choice">
          <input
            type="radio"
            name="template"
            value={ownQuestions}
            checked={value === ownQuestions}
            onChange={() => onChange(ownQuestions)}
            aria-describedby="tpl-own-about"
          />
          Write your own questions
        </label>
        <p id="tpl-own-about" className="hint template-about">
          One to {maxQuestions} questions, each with optional help text and an optional second field on every card.
        </p>
      </div>
    </fieldset>
  );
}
