import type { Lang } from '../../bot/domain/localized-text';
import type { SetupIssue } from '../../bot/domain/setup/setup-issues';
import type { Card } from '../card';
import { t } from '../i18n';
import { userText } from '../text';
import { problemText } from './setup-parts';

export interface FieldOptions {
  required?: boolean;
  max?: number;
  multiline?: boolean;
  placeholder?: string;
}

/** The refusal under a field, as text that is never read as markdown (entries are typed text). */
function errorBelow(lang: Lang, issues: readonly SetupIssue[], id: string): Card[] {
  return issues
    .filter((i) => i.field === id)
    .map((i) => ({
      ...userText(problemText(lang, i), { color: 'attention', size: 'small' }),
      spacing: 'none',
    }));
}

/** Every input is labelled; a required one says so in the user's language when left empty. */
function labelled(lang: Lang, input: Card, required = false): Card {
  return {
    ...input,
    ...(required ? { isRequired: true, errorMessage: t(lang, 'setup.problem.required') } : {}),
  };
}

/** A form's inputs and the messages under them, built from one description each. */
export class FormItems {
  readonly items: Card[] = [];
  constructor(
    private readonly lang: Lang,
    private readonly values: Record<string, string>,
    private readonly issues: readonly SetupIssue[],
  ) {}

  private add(input: Card, id: string, required?: boolean): this {
    this.items.push(
      labelled(this.lang, input, required),
      ...errorBelow(this.lang, this.issues, id),
    );
    return this;
  }

  text(id: string, label: string, o: FieldOptions = {}): this {
    return this.add(
      {
        type: 'Input.Text',
        id,
        label,
        value: this.values[id] ?? '',
        ...(o.max ? { maxLength: o.max } : {}),
        ...(o.multiline ? { isMultiline: true } : {}),
        ...(o.placeholder ? { placeholder: o.placeholder } : {}),
      },
      id,
      o.required,
    );
  }

  date(id: string, label: string, required = false): this {
    return this.add({ type: 'Input.Date', id, label, value: this.values[id] ?? '' }, id, required);
  }

  time(id: string, label: string, required = false): this {
    return this.add({ type: 'Input.Time', id, label, value: this.values[id] ?? '' }, id, required);
  }

  year(id: string, label: string): this {
    const v = Number(this.values[id]);
    return this.add(
      {
        type: 'Input.Number',
        id,
        label,
        min: 2000,
        max: 2100,
        ...(this.values[id] && Number.isFinite(v) ? { value: v } : {}),
      },
      id,
    );
  }

  choice(
    id: string,
    label: string,
    choices: Array<{ title: string; value: string }>,
    o: { required?: boolean; expanded?: boolean } = {},
  ): this {
    return this.add(
      {
        type: 'Input.ChoiceSet',
        id,
        label,
        style: o.expanded ? 'expanded' : 'compact',
        choices,
        value: this.values[id] ?? '',
      },
      id,
      o.required,
    );
  }

  /**
   * Teams' people picker: a multi-select searching the organisation's directory
   * (`Data.Query` on `graph.microsoft.com/users`); it answers with Entra object ids.
   */
  people(
    id: string,
    label: string,
    placeholder: string,
    known: Array<{ title: string; value: string }>,
  ): this {
    return this.add(
      {
        type: 'Input.ChoiceSet',
        id,
        label,
        placeholder,
        isMultiSelect: true,
        choices: known,
        'choices.data': { type: 'Data.Query', dataset: 'graph.microsoft.com/users' },
        value: this.values[id] ?? '',
      },
      id,
    );
  }

  /** Raw items (notes between fields). */
  push(...items: Card[]): this {
    this.items.push(...items);
    return this;
  }
}
