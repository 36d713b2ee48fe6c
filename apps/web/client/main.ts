/**
 * The page script (bundled by the server into `/app.js`): two ways of working — one document from
 * the form, or the whole roster — sharing one preview. See form.ts, roster.ts and preview.ts.
 */
import type { TemplateInfo } from './api.js';
import { $ } from './dom.js';
import { fillForm, chooseTemplate, formTemplate, initForm, onFormRefused, onFormReply, previewForm } from './form.js';
import { initPreview, setSource, shown } from './preview.js';
import { initRoster } from './roster.js';

type Mode = 'form' | 'roster';
const TABS: Record<Mode, string> = { form: 'tab-form', roster: 'tab-roster' };
let mode: Mode = 'form';
/** What the roster panel last previewed, shown again when the user comes back to it. */
let rosterSource = shown();

/** Switches between 填写一份 and 花名册批量生成 (WAI-ARIA tabs: arrows move, Enter/Space choose). */
function setMode(next: Mode, focus = false): void {
  if (mode === 'roster') rosterSource = shown();
  mode = next;
  for (const [m, id] of Object.entries(TABS) as [Mode, string][]) {
    const tab = $<HTMLButtonElement>(id);
    const on = m === next;
    tab.setAttribute('aria-selected', String(on));
    tab.tabIndex = on ? 0 : -1;
    $(`panel-${m}`).hidden = !on;
    if (on && focus) tab.focus();
  }
  if (next === 'form') previewForm();
  else setSource(rosterSource.kind === 'roster' ? rosterSource : { kind: 'none', message: '载入花名册后，在左侧的列表中选择一份清单预览。' });
}

async function start(): Promise<void> {
  const res = await fetch('/api/templates');
  const templates = ((await res.json()) as { templates: TemplateInfo[] }).templates;
  initPreview({
    onFormReply,
    onFormRefused,
    onEditInForm: (template, answers) => {
      chooseTemplate(template.id);
      setMode('form');
      fillForm(answers);
    },
  });
  initForm(templates);
  initRoster(templates);
  for (const [m, id] of Object.entries(TABS) as [Mode, string][]) {
    const tab = $<HTMLButtonElement>(id);
    tab.addEventListener('click', () => setMode(m));
    tab.addEventListener('keydown', (e) => {
      if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
        e.preventDefault();
        setMode(m === 'form' ? 'roster' : 'form', true);
      }
    });
  }
  if (formTemplate()) previewForm();
}

void start().catch((error: unknown) => {
  $('preview-state').textContent = `无法载入模板：${(error as Error).message}。请确认启动预览的终端仍在运行。`;
});
