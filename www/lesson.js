// Mean-Field Explorer: the lesson panel. Rust holds the lessons, their steps and checks
// (App.lesson_state); this file shows them, and its buttons start a lesson, move between its
// steps and do a step for the reader. The lesson and its step are link keys, so a shared link
// opens the story where it was.

export function startLessons({ app, $, el, guarded, embedded, reload, setSliders }) {
  const select = $('lesson-select');
  // Grouped by model, in the table's order; an option is the lesson's title (its figure below).
  const groups = new Map();
  for (const l of JSON.parse(app.lesson('list'))) {
    if (!groups.has(l.model)) groups.set(l.model, el('optgroup', { label: l.model }));
    groups.get(l.model).append(el('option', { value: l.id, text: l.title, title: l.figure }));
  }
  select.append(...groups.values());
  const act = (fn) => guarded(() => {
    fn();
    reload();
  });
  select.addEventListener('change', act(() => {
    app.lesson(`start:${select.value}`);
  }));
  const step = () => JSON.parse(app.lesson('state')).step;
  $('lesson-prev').addEventListener('click', act(() => app.lesson(`goto:${step() - 1}`)));
  $('lesson-next').addEventListener('click', act(() => app.lesson(`goto:${step() + 1}`)));
  $('lesson-do').addEventListener('click', act(() => app.lesson('do')));
  $('lesson-restore').addEventListener('click', act(() => app.lesson(`goto:${step()}`)));

  // Shows the lesson, its steps (the current one marked) and the current step's check.
  const render = guarded(() => {
    const s = JSON.parse(app.lesson('state'));
    const box = $('lesson');
    box.hidden = !s.active;
    document.body.dataset.lesson = s.active ? s.id : '';
    const model = JSON.parse(app.model_info()).label;
    $('embed-title-text').textContent = `Mean-Field Explorer — ${s.active ? s.figure : model}`;
    $('embed-note').hidden = !embedded || s.active;
    $('embed-note').textContent = `${model}. Move a slider: the mean field and its spiking network re-run.`;
    setSliders(s.active ? s.controls : null);
    if (!s.active) {
      select.value = '';
      return;
    }
    select.value = s.id;
    $('lesson-title').textContent = s.title;
    $('lesson-figure').textContent = s.figure;
    $('lesson-note').textContent = s.note || '';
    $('lesson-note-box').hidden = !s.note;
    $('lesson-steps').replaceChildren(...s.steps.map((st, k) => {
      const current = k + 1 === s.step;
      const item = el('li', { class: current ? 'current' : '', 'data-step': String(k + 1) }, [st.text]);
      if (current) item.setAttribute('aria-current', 'step');
      return item;
    }));
    const cur = s.steps[s.step - 1];
    const fmt = (v) => Number(v.toPrecision(3)).toString();
    const check = $('lesson-check');
    check.dataset.done = s.done ? '1' : '0';
    check.textContent = s.waiting
      ? `Check (${cur.check}): waiting for the run to get there.`
      : `${s.done ? '✓ Done' : 'Not yet'}: ${cur.check}; measured ${fmt(s.value)} Hz.`;
    $('lesson-do').disabled = !cur.can_do;
    $('lesson-prev').disabled = s.step <= 1;
    $('lesson-next').disabled = s.step >= s.steps.length;
    $('lesson-modified').hidden = !s.modified;
    $('lesson-step-of').textContent = `Step ${s.step} of ${s.steps.length}`;
  });
  return { render };
}
