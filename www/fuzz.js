// Mean-Field Explorer: the randomized UI test (after PhET's fuzz mode). `?fuzz=500` makes 500
// random moves a restless user could make: sliders, typed values (out of range, garbage, markup),
// option lists (so model switches), presets, buttons, "More parameters", scenario files (good,
// broken and hostile). After each move it checks what a person would see: no fatal error box,
// no "NaN"/"Infinity"/"undefined" in the page's text or in any control, and no non-finite or
// absurd (beyond 10⁹) number in the data behind the figures. `fuzz_seed` picks the sequence (default 1), so a
// failure can be replayed. The outcome is in #fuzz-report and window.meanfieldFuzz; the
// browser test also watches the console for errors and uncaught exceptions.

const MAX_MOVES = 20000;
// Beyond any rate (Hz), potential (mV), current (pA) or time (ms) the page can show.
const ABSURD = 1e9;
const BAD_TEXT = /\b(NaN|Infinity|undefined|null)\b/;
// The page's own words: readouts, statuses, summaries and captions.
const SAYS = ['readout', 'events', 'run-notes', 'net-status', 'analysis-status', 'analysis-summary', 'coeff-info', 'preset-note', 'tf-status', 'tf-caption'];
// Error notices that mean a bug rather than refused input.
const UNEXPECTED = /Unexpected error|internal error|worker failed|is not a function|Cannot read/;
const GARBAGE = ['', 'abc', 'NaN', 'Infinity', '-Infinity', '1e999', '-1e999', '0x10', '1,5', '  7  ', '<img src=x onerror=alert(1)>', '"; alert(1); "', '1e-320', '-0', '9'.repeat(40)];

// A small seeded generator (mulberry32): the same seed gives the same moves.
function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));

export async function startFuzz({ app, $, el, params }) {
  const moves = Math.min(Math.max(Number.parseInt(params.get('fuzz'), 10) || 0, 0), MAX_MOVES);
  const seed = Number.parseInt(params.get('fuzz_seed'), 10) || 1;
  const random = generator(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const report = { seed, moves, done: 0, problems: [], log: [], finished: false };
  window.meanfieldFuzz = report;
  const box = el('p', { id: 'fuzz-report', class: 'fuzz-report', role: 'status', text: `Fuzz: ${moves} random moves (seed ${seed})…` });
  document.querySelector('main').before(box);

  const visible = (e) => e && e.offsetParent !== null && !e.disabled;
  const fire = (e, type) => e.dispatchEvent(new Event(type, { bubbles: true }));

  function typeNumber() {
    const inputs = [...document.querySelectorAll('input[type=number]')].filter(visible);
    if (!inputs.length) return 'no number input';
    const input = pick(inputs);
    const min = Number(input.min);
    const max = Number(input.max);
    const r = random();
    let value;
    if (r < 0.6) value = String(min + (max - min) * random());
    else if (r < 0.8) value = String((random() < 0.5 ? min : max) + (random() - 0.5) * 10 * (max - min + 1));
    else value = pick(GARBAGE);
    input.value = value;
    fire(input, 'change');
    return `type ${input.name} = ${JSON.stringify(value)}`;
  }

  function slide() {
    const ranges = [...document.querySelectorAll('input[type=range]')].filter(visible);
    if (!ranges.length) return 'no slider';
    const range = pick(ranges);
    range.value = String(Number(range.min) + (Number(range.max) - Number(range.min)) * random());
    fire(range, 'input');
    return `slide ${range.id} = ${range.value}`;
  }

  function choose() {
    const selects = [...document.querySelectorAll('select')].filter(visible);
    if (!selects.length) return 'no list';
    const select = pick(selects);
    const options = [...select.options].filter((o) => o.value !== '');
    if (!options.length) return `empty list ${select.id}`;
    select.value = pick(options).value;
    fire(select, 'change');
    return `choose ${select.id} = ${select.value}`;
  }

  function press() {
    const ids = ['reset', 'net-play', 'net-step', 'net-restart', 'analysis-compute', 'analysis-cancel'];
    const button = $(pick(ids));
    if (!visible(button)) return `hidden ${button.id}`;
    button.click();
    return `press ${button.id}`;
  }

  function fold() {
    const details = [...document.querySelectorAll('details')].filter(visible);
    if (!details.length) return 'no details';
    const d = pick(details);
    d.open = !d.open;
    return `fold ${d.closest('fieldset')?.querySelector('legend')?.textContent || 'details'}`;
  }

  function loadFile() {
    const input = $('import-json');
    if (!input) return 'no file input';
    const good = JSON.parse(app.scenario_json());
    const keys = Object.keys(good);
    const r = random();
    let text;
    if (r < 0.3) {
      const k = pick(keys);
      good[k] = pick([typeof good[k] === 'number' ? good[k] * (random() * 4 - 2) : good[k], null, [], {}, 'NaN', 1e308, '<script>x</script>']);
      text = JSON.stringify(good);
    } else if (r < 0.6) {
      const full = JSON.stringify(good);
      text = full.slice(0, Math.floor(random() * full.length));
    } else if (r < 0.8) {
      text = pick(['', 'null', '[]', '42', '"text"', '{"model":"nope"}', '{"n":1e999}', '{"__proto__":{"x":1}}', '\u0000\uffff']);
    } else {
      text = JSON.stringify(good);
    }
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], 'fuzz.json', { type: 'application/json' }));
    input.files = transfer.files;
    fire(input, 'change');
    return `load file (${text.length} chars)`;
  }

  const actions = [[typeNumber, 3], [slide, 3], [choose, 2], [press, 1], [fold, 0.5], [loadFile, 0.5]];
  const weight = actions.reduce((s, [, w]) => s + w, 0);
  function act() {
    let r = random() * weight;
    for (const [f, w] of actions) {
      r -= w;
      if (r < 0) return f();
    }
    return actions[0][0]();
  }

  function check(move) {
    const found = [];
    if (!$('fatal').hidden) found.push(`fatal error: ${$('fatal-text').textContent}`);
    // What the page itself says (notices may quote the user's own garbage, so not those).
    for (const id of SAYS) {
      const e = $(id);
      if (!e || e.hidden) continue;
      const text = e.textContent;
      const bad = text.match(BAD_TEXT);
      if (bad) {
        const at = text.indexOf(bad[0]);
        found.push(`#${id} shows "${bad[0]}": …${text.slice(Math.max(0, at - 80), at + 40)}…`);
      }
    }
    for (const n of document.querySelectorAll('#notices .notice.error')) {
      if (UNEXPECTED.test(n.textContent)) found.push(`error notice: ${n.textContent.slice(0, 200)}`);
    }
    for (const input of document.querySelectorAll('input[type=number], input[type=range]')) {
      if (input.value !== '' && !Number.isFinite(Number(input.value))) found.push(`control ${input.id} shows ${input.value}`);
    }
    for (const { id } of JSON.parse(app.figures())) { // every figure of the model (Rust's registry)
      let csv;
      try {
        csv = app.figure_csv(id);
      } catch {
        continue; // nothing to show for this figure now
      }
      const rows = csv.split('\n').slice(1);
      const badRow = rows.find((row) => /NaN|inf/i.test(row) || row.split(',').some((x) => Math.abs(Number(x)) > ABSURD));
      if (badRow) found.push(`figure ${id} has a non-finite or absurd value: ${badRow.slice(0, 120)}`);
    }
    for (const f of found) report.problems.push({ move: report.done, action: move, problem: f });
  }

  for (let i = 0; i < moves; i++) {
    let move;
    try {
      move = act();
    } catch (err) {
      move = 'throwing move';
      report.problems.push({ move: i, action: move, problem: `the move threw: ${err.message}` });
    }
    report.log.push(move);
    if (report.log.length > 50) report.log.shift();
    await frame();
    await frame();
    report.done = i + 1;
    check(move);
    // Expected notices (clamped values, refused files) would pile up: clear them.
    $('notices').replaceChildren();
    if (i % 25 === 0) box.textContent = `Fuzz: ${i + 1} of ${moves} moves, ${report.problems.length} problems…`;
    if (!$('fatal').hidden) break;
  }
  report.finished = true;
  box.textContent = `Fuzz: ${report.done} random moves (seed ${seed}), ${report.problems.length} problem${report.problems.length === 1 ? '' : 's'}.`;
  box.dataset.problems = String(report.problems.length);
  box.dataset.finished = '1';
}
