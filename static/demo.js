// The demo article's side panel: shows the current recommendation from the
// widget's public events, exactly as any host page would.

/** @type {Record<string, string>} */
const titles = {
  rag: 'Retrieval-augmented generation',
  'fine-tune': 'Fine-tune for style or format',
  'fine-tune-small-open-weight': 'Fine-tune a small open-weight model in your own environment',
};

const outcome = document.getElementById('panel-outcome');
const path = document.getElementById('panel-path');

/** @param {Event} event */
function show(event) {
  if (!(event instanceof CustomEvent)) return;
  const detail = event.detail;
  if (!detail || !outcome || !path) return;
  const answered = Object.keys(detail.answers ?? {}).length;
  if (detail.outcome) {
    outcome.textContent = titles[detail.outcome] ?? detail.outcome;
    outcome.classList.add('has-outcome');
  } else {
    outcome.textContent = answered === 0
      ? 'Answer the questions in the flowchart to see it here.'
      : 'Keep going: a recommendation appears after the next answers.';
    outcome.classList.remove('has-outcome');
  }
  path.textContent = answered === 0
    ? ''
    : Object.entries(detail.answers).map(([id, a]) => `${id}: ${a}`).join(' · ');
}

document.addEventListener('decision-ready', show);
document.addEventListener('decision-change', show);
