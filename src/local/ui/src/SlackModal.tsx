/** @module Preview page: a modal the app opened with views.open, drawn as a form; submitting it sends a signed view_submission, as Slack does. */
import { useEffect, useRef, useState } from 'react';
import type { FormEvent, KeyboardEvent, ReactNode } from 'react';
import type { EmulatedView } from './api.ts';

interface TextObject {
  type?: string;
  text?: string;
}

interface Option {
  value: string;
  text?: TextObject;
  description?: TextObject;
}

interface ViewBlock {
  type?: string;
  block_id?: string;
  text?: TextObject;
  elements?: TextObject[];
  label?: TextObject;
  optional?: boolean;
  element?: { type?: string; action_id?: string; multiline?: boolean; max_length?: number; placeholder?: TextObject; options?: Option[]; initial_options?: Option[]; initial_value?: string };
}

export type ViewValues = Record<string, string | string[]>;

/** Slack's three entities back to characters; React escapes what it renders, so nothing here becomes markup. */
function decode(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Enough mrkdwn for a modal's own texts: *bold* and _italics_; anything else shows as written. */
function mrkdwn(text: string): ReactNode[] {
  return decode(text)
    .split(/(\*[^*\n]+\*|_[^_\n]+_)/)
    .map((part, i) => {
      if (/^\*[^*]+\*$/.test(part)) return <strong key={i}>{part.slice(1, -1)}</strong>;
      if (/^_[^_]+_$/.test(part)) return <em key={i}>{part.slice(1, -1)}</em>;
      return part;
    });
}

function textOf(object: TextObject | undefined): ReactNode {
  if (!object?.text) return null;
  return object.type === 'mrkdwn' ? mrkdwn(object.text) : object.text;
}

/** What the inputs hold when the modal opens: initial values, and the options ticked at first. */
function initialValues(blocks: ViewBlock[]): ViewValues {
  const values: ViewValues = {};
  for (const block of blocks) {
    if (block.type !== 'input' || !block.block_id) continue;
    if (block.element?.type === 'checkboxes') values[block.block_id] = (block.element.initial_options ?? []).map((o) => o.value);
    else values[block.block_id] = block.element?.initial_value ?? '';
  }
  return values;
}

export function SlackModal(props: {
  view: EmulatedView;
  errors: Record<string, string>;
  busy: boolean;
  onSubmit: (values: ViewValues) => void;
  onClose: () => void;
}) {
  const { view, errors, busy, onSubmit, onClose } = props;
  const blocks = (Array.isArray(view.view.blocks) ? view.view.blocks : []) as ViewBlock[];
  const [values, setValues] = useState<ViewValues>(() => initialValues(blocks));
  const panel = useRef<HTMLFormElement>(null);
  const titleId = `view-title-${view.id}`;
  const title = (view.view.title as TextObject | undefined)?.text ?? 'Modal';
  const submit = (view.view.submit as TextObject | undefined)?.text;
  const close = (view.view.close as TextObject | undefined)?.text ?? 'Cancel';

  // Focus goes into the modal when it opens, to its first input (or its first button).
  useEffect(() => {
    panel.current?.querySelector<HTMLElement>('textarea, input, button')?.focus();
  }, [view.id]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    }
  };

  const send = (event: FormEvent) => {
    event.preventDefault();
    if (!busy) onSubmit(values);
  };

  const input = (block: ViewBlock): ReactNode => {
    const id = `${view.id}-${block.block_id!}`;
    const error = errors[block.block_id!];
    const errorId = `${id}-error`;
    const described = error ? { 'aria-describedby': errorId, 'aria-invalid': true } : {};
    const element = block.element ?? {};
    const errorLine = error ? (
      <p className="field-error" id={errorId} role="alert">
        {error}
      </p>
    ) : null;
    if (element.type === 'checkboxes') {
      const ticked = (values[block.block_id!] as string[] | undefined) ?? [];
      return (
        <fieldset key={block.block_id} className="modal-field" {...described}>
          <legend>{block.label?.text}</legend>
          {(element.options ?? []).map((option) => (
            <label key={option.value} className="modal-option">
              <input
                type="checkbox"
                checked={ticked.includes(option.value)}
                onChange={(e) => setValues((v) => ({ ...v, [block.block_id!]: e.target.checked ? [...ticked, option.value] : ticked.filter((t) => t !== option.value) }))}
              />
              <span>
                {option.text?.text}
                {option.description?.text ? <span className="option-description"> — {option.description.text}</span> : null}
              </span>
            </label>
          ))}
          {errorLine}
        </fieldset>
      );
    }
    const common = {
      id,
      value: (values[block.block_id!] as string | undefined) ?? '',
      placeholder: element.placeholder?.text,
      maxLength: element.max_length,
      required: block.optional !== true,
      onChange: (e: { target: { value: string } }) => setValues((v) => ({ ...v, [block.block_id!]: e.target.value })),
      ...described,
    };
    return (
      <div key={block.block_id} className="modal-field">
        <label htmlFor={id}>{block.label?.text}</label>
        {element.multiline ? <textarea rows={4} {...common} /> : <input type="text" {...common} />}
        {errorLine}
      </div>
    );
  };

  return (
    <div className="modal-backdrop">
      <form ref={panel} className="modal" role="dialog" aria-modal="true" aria-labelledby={titleId} onSubmit={send} onKeyDown={onKeyDown} noValidate>
        <h2 id={titleId}>{title}</h2>
        {blocks.map((block, i) => {
          if (block.type === 'input' && block.block_id) return input(block);
          if (block.type === 'section') return <p key={block.block_id ?? i}>{textOf(block.text)}</p>;
          if (block.type === 'context') return <p key={block.block_id ?? i} className="modal-context">{(block.elements ?? []).map((e, j) => <span key={j}>{textOf(e)}</span>)}</p>;
          return null;
        })}
        <div className="modal-buttons">
          <button type="button" onClick={onClose}>
            {close}
          </button>
          {submit ? (
            <button type="submit" className="primary" disabled={busy}>
              {submit}
            </button>
          ) : null}
        </div>
      </form>
    </div>
  );
}
