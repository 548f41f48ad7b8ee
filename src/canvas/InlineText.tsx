import { useEffect, useRef, useState } from 'react';

interface Props {
  value: string;
  label: string;
  maxLength: number;
  multiline?: boolean;
  className?: string;
  onCommit: (value: string) => void;
  onDone: () => void;
}

/**
 * In-place text editing on the canvas: Enter commits (Shift+Enter for a new line when multiline),
 * Esc cancels, blur commits. "nodrag nopan nowheel" keeps React Flow's gestures out of the field.
 */
export function InlineText({ value, label, maxLength, multiline, className = '', onCommit, onDone }: Props) {
  const [text, setText] = useState(value);
  const ref = useRef<HTMLTextAreaElement & HTMLInputElement>(null);
  const done = useRef(false);
  useEffect(() => {
    ref.current?.focus();
    ref.current?.select();
  }, []);
  const finish = (commit: boolean) => {
    if (done.current) return;
    done.current = true;
    if (commit && text !== value) onCommit(text);
    onDone();
  };
  const common = {
    ref,
    value: text,
    maxLength,
    'aria-label': label,
    className: `nodrag nopan nowheel w-full resize-none rounded border border-indigo-400 bg-white px-1 text-slate-900 outline-none focus:ring-2 focus:ring-indigo-500 ${className}`,
    onChange: (e: React.ChangeEvent<HTMLTextAreaElement | HTMLInputElement>) => setText(e.target.value),
    onBlur: () => finish(true),
    onKeyDown: (e: React.KeyboardEvent) => {
      e.stopPropagation();
      if (e.key === 'Escape') {
        e.preventDefault();
        finish(false);
      } else if (e.key === 'Enter' && !(multiline && e.shiftKey)) {
        e.preventDefault();
        finish(true);
      }
    },
  };
  return multiline ? <textarea rows={2} {...common} /> : <input type="text" {...common} />;
}
