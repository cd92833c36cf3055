// Exports: Copy and Download for Markdown, JSON, plain text, the flowchart
// SVG and Mermaid; the manual fallback when the clipboard is refused; and
// the print stylesheet, which keeps the decision and drops the controls.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { FLOW_ID, FLOW_VERSION, OUTCOMES, QUESTIONS, answersObject, follow, pageTest, useBrowser } from './harness.mjs';

useBrowser();

const ANSWERS = ['no', 'no', 'yes'];
const OUTCOME = follow(ANSWERS).outcome; // fine-tune

/** Reaches the outcome and returns what the widget shows and sent: the reasons and the last event. */
async function decide(w) {
  await w.walk(ANSWERS);
  const reasons = await w.host.locator('.dw-outcome ul.dw-reasons > li').evaluateAll((items) =>
    items.map((li) =>
      [...li.childNodes]
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent)
        .join('')
        .trim(),
    ),
  );
  assert.ok(reasons.length > 0, 'the outcome has reasons');
  // The five formats are behind the recommendation's Export button.
  await w.openPanel('Export');
  return { reasons, event: (await w.events()).at(-1) };
}

/** Markdown text with its backslash escapes removed. */
const unescapeMd = (text) => text.replace(/\\([\\`*_[\]<>#|~&+=.)-])/g, '$1');

/** Each format: its name in the panel, the file it downloads as, and what its content must be. */
const FORMATS = [
  {
    name: 'Markdown',
    file: `${FLOW_ID}-decision.md`,
    async check(text, { reasons, event }) {
      assert.ok(text.startsWith(`# Decision: ${OUTCOMES[OUTCOME].title}\n`), text.slice(0, 80));
      const plain = unescapeMd(text);
      for (const reason of reasons) assert.ok(plain.includes(`- ${reason}`), `the reason “${reason}” is listed`);
      for (const id of follow(ANSWERS).answered) {
        assert.ok(plain.includes(QUESTIONS[id].text), `question ${id} is listed`);
      }
      assert.ok(text.includes(`- [Reopen this decision](${event.detail.link})`), 'the link reopens the decision');
    },
  },
  {
    name: 'JSON',
    file: `${FLOW_ID}-decision.json`,
    async check(text, { reasons, event }) {
      const data = JSON.parse(text);
      assert.equal(data.schema, 'decision-widget/decision');
      assert.equal(data.schemaVersion, 2);
      assert.equal(data.flow, FLOW_ID);
      assert.equal(data.flowVersion, FLOW_VERSION);
      assert.deepEqual(data.answers, answersObject(ANSWERS));
      assert.deepEqual(Object.keys(data.answers), follow(ANSWERS).answered, 'answers in path order');
      assert.deepEqual(data.path, follow(ANSWERS).path);
      assert.equal(data.outcome, OUTCOME);
      assert.equal(data.link, event.detail.link);
      for (const key of ['flow', 'flowVersion', 'answers', 'path', 'outcome', 'link']) {
        assert.deepEqual(data[key], event.detail[key], `${key} matches the event`);
      }
      assert.equal(data.recommendation.id, OUTCOME);
      assert.equal(data.recommendation.title, OUTCOMES[OUTCOME].title);
      assert.deepEqual(
        data.recommendation.reasons.map((r) => r.text),
        reasons,
      );
      assert.deepEqual(
        data.steps.map((s) => [s.question, s.answer, s.answerLabel]),
        follow(ANSWERS).answered.map((id, i) => [id, ANSWERS[i], ANSWERS[i] === 'yes' ? 'Yes' : 'No']),
        'each step names the choice and its label',
      );
      assert.match(data.date, /^\d{4}-\d{2}-\d{2}$/);
    },
  },
  {
    name: 'Plain text',
    file: `${FLOW_ID}-decision.txt`,
    async check(text, { reasons, event }) {
      assert.ok(text.startsWith(`Recommendation: ${OUTCOMES[OUTCOME].title}\n`), text.slice(0, 80));
      for (const reason of reasons) assert.ok(text.includes(`- ${reason}\n`), `the reason “${reason}” is listed`);
      assert.ok(text.includes(`\n${event.detail.link}\n`), 'the link is there');
    },
  },
  {
    name: 'Flowchart SVG',
    file: `${FLOW_ID}-flowchart.svg`,
    async check(text, _, w) {
      // A standalone file may open with an XML declaration; the root comes first after it.
      assert.match(text, /^(<\?xml version="1\.0" encoding="UTF-8"\?>\n)?<svg[\s>]/, text.slice(0, 80));
      const parsed = await w.page.evaluate((source) => {
        const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
        return {
          errors: doc.getElementsByTagName('parsererror').length,
          root: doc.documentElement.localName,
          ns: doc.documentElement.namespaceURI,
          nodes: [...doc.querySelectorAll('g[id^="dw-node-"]')].map((g) => g.id),
          scripts: doc.querySelectorAll('script, foreignObject').length,
        };
      }, text);
      assert.equal(parsed.errors, 0, 'parses without a parsererror');
      assert.equal(parsed.root, 'svg');
      assert.equal(parsed.ns, 'http://www.w3.org/2000/svg');
      for (const id of [...Object.keys(QUESTIONS), ...Object.keys(OUTCOMES)]) {
        assert.ok(parsed.nodes.includes(`dw-node-${id}`), `node ${id} is drawn`);
      }
      assert.equal(parsed.scripts, 0);
    },
  },
  {
    name: 'Mermaid',
    file: `${FLOW_ID}-flowchart.mmd`,
    async check(text) {
      assert.ok(text.startsWith('---\ntitle: "RAG or fine-tuning?"\n---\nflowchart TD\n'), text.slice(0, 80));
      assert.equal(text.match(/-->\|(Yes|No)\|/g).length, 8, 'every answer is a labelled edge');
      for (const id of [...Object.keys(QUESTIONS), ...Object.keys(OUTCOMES)]) {
        const node = `n_${id.replace(/-/g, '_')}`;
        assert.match(text, new RegExp(`^\\s+${node}\\b`, 'm'), `node ${id} is in the diagram`);
      }
    },
  },
];

const exportStatus = (w) => w.host.locator('.dw-export p.dw-status[role="status"]');

for (const format of FORMATS) {
  pageTest(`${format.name}: Copy puts it on the clipboard and Download saves ${format.file}`, async (w) => {
    await w.grantClipboard();
    const decided = await decide(w);

    await w.button(`Copy ${format.name}`).click();
    await exportStatus(w).filter({ hasText: `${format.name} copied to the clipboard.` }).waitFor();
    const copied = await w.readClipboard();
    await format.check(copied, decided, w);
    assert.equal(await w.host.locator('.dw-export textarea').count(), 0, 'no manual field when copying worked');

    const [download] = await Promise.all([
      w.page.waitForEvent('download'),
      w.button(`Download ${format.name}`).click(),
    ]);
    assert.equal(download.suggestedFilename(), format.file);
    assert.equal(await download.failure(), null, 'the download completed');
    const saved = await readFile(await download.path(), 'utf8');
    await format.check(saved, decided, w);
    assert.equal(saved, copied, 'the file holds what Copy copied');
    await exportStatus(w).filter({ hasText: `${format.name} downloaded as ${format.file}.` }).waitFor();
  });
}

/** Makes writeText reject while `window.__refuse` is true (the default). */
function refusingClipboard() {
  window.__refuse = true;
  const write = Clipboard.prototype.writeText;
  Clipboard.prototype.writeText = function writeText(text) {
    if (window.__refuse) return Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
    return write.call(this, text);
  };
}

pageTest(
  'when the clipboard refuses, the export appears selected in a readonly textarea',
  { beforeLoad: (w) => w.page.addInitScript(refusingClipboard) },
  async (w) => {
    await w.grantClipboard();
    const decided = await decide(w);
    for (const format of FORMATS) {
      await w.button(`Copy ${format.name}`).click();
      await exportStatus(w)
        .filter({
          hasText: 'Your browser did not allow copying. The export is selected below: copy it with Ctrl+C or ⌘C.',
        })
        .waitFor();
      const field = w.host.getByLabel(format.name, { exact: true });
      // Focused, with all of it selected, so Ctrl+C copies it.
      await w.page.waitForFunction(
        (el) => el.getRootNode().activeElement === el && el.selectionStart === 0 && el.selectionEnd === el.value.length,
        await field.elementHandle(),
      );
      const { tag, readOnly, value } = await field.evaluate((el) => ({
        tag: el.localName,
        readOnly: el.readOnly,
        value: el.value,
      }));
      assert.equal(tag, 'textarea');
      assert.equal(readOnly, true);
      await format.check(value, decided, w);

      // A copy that works takes the field away again.
      await w.page.evaluate(() => (window.__refuse = false));
      await w.button(`Copy ${format.name}`).click();
      await exportStatus(w).filter({ hasText: `${format.name} copied to the clipboard.` }).waitFor();
      assert.equal(await w.host.locator('.dw-export textarea').count(), 0);
      assert.equal(await w.readClipboard(), value, 'the field held what Copy copies');
      await w.page.evaluate(() => (window.__refuse = true));
    }
  },
);

pageTest(
  'with Copy refused after a switch of formats, the field is still selected',
  {
    beforeLoad: (w) => w.page.addInitScript(refusingClipboard),
  },
  async (w) => {
    await decide(w);
    await w.button('Copy Markdown').click();
    await w.host.getByLabel('Markdown', { exact: true }).waitFor();
    // Then another format, while the first one's field is still shown.
    await w.button('Copy JSON').click();
    const field = w.host.getByLabel('JSON', { exact: true });
    await w.page.waitForFunction((el) => el.value.startsWith('{'), await field.elementHandle());
    await w.page.waitForFunction(
      (el) => el.getRootNode().activeElement === el && el.selectionStart === 0 && el.selectionEnd === el.value.length,
      await field.elementHandle(),
      { timeout: 1500 },
    );
  },
);

// ---------------------------------------------------------------------------
// Print

/** Every <button> in the widget with whether it is visible. */
function buttons(w) {
  return w.host.evaluate((host) =>
    [...host.shadowRoot.querySelectorAll('button')].map((b) => ({
      text: b.textContent.trim(),
      visible: b.checkVisibility(),
    })),
  );
}

pageTest(
  'printing hides every button but keeps the recommendation, reasons and chart; Print calls window.print',
  {
    beforeLoad: (w) =>
      w.page.addInitScript(() => {
        window.__printed = 0;
        window.print = () => {
          window.__printed++;
        };
      }),
  },
  async (w) => {
    await decide(w);
    await w.button('Print').click();
    await w.page.waitForFunction(() => window.__printed === 1);

    const onScreen = await buttons(w);
    // (All but the flowchart's fold, which shows on narrow screens only.)
    assert.ok(
      onScreen.length > 10 && onScreen.filter((b) => !b.visible).map((b) => b.text).join() === 'Show the flowchart',
      'on screen, the buttons show',
    );
    await w.page.emulateMedia({ media: 'print' });
    const printed = await buttons(w);
    assert.deepEqual(
      printed.filter((b) => b.visible).map((b) => b.text),
      [],
      'no button is printed',
    );
    for (const [what, locator] of [
      ['the recommendation', w.outcomeTitle],
      ['the reasons', w.host.locator('.dw-outcome ul.dw-reasons')],
      ['the chart', w.chart],
    ]) {
      assert.ok(await locator.isVisible(), `${what} is printed`);
      const box = await locator.boundingBox();
      assert.ok(box && box.width > 0 && box.height > 0, `${what} has a size`);
    }
    assert.equal(await w.outcomeTitle.textContent(), OUTCOMES[OUTCOME].title);
    assert.equal(await w.chart.locator('g.dw-node.is-answered').count(), ANSWERS.length, 'the path is in the printed chart');
    assert.equal(await w.takeaway.isVisible(), false, 'the take-away panel is not printed');

    // Back on screen, the controls return.
    await w.page.emulateMedia({ media: 'screen' });
    assert.deepEqual(
      (await buttons(w)).filter((b) => !b.visible).map((b) => b.text),
      ['Show the flowchart'],
    );
  },
);

pageTest('printing a question hides its answer buttons but keeps the question and chart', async (w) => {
  await w.answer('no');
  await w.page.emulateMedia({ media: 'print' });
  assert.deepEqual((await buttons(w)).filter((b) => b.visible).map((b) => b.text), []);
  assert.ok(await w.question.filter({ hasText: QUESTIONS.citations.text }).isVisible());
  assert.ok(await w.chart.isVisible());
});
