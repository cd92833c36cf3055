// The reader's language: each language's own words (yes and no, progress,
// the recommendation's buttons), right to left for Arabic with the layout
// mirrored and the chart still working, a flow's labels over any language,
// the choice of language (element, flow, page), language files loaded only
// when needed; and the calmer recommendation: at 1280×900 the widget is at
// most 1,400 px tall at every outcome, with the recommendation, its first
// reason and "Copy link" in the first screen.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OUTCOMES, PATHS, QUESTIONS, linkCode, pageTest, pathName, useBrowser } from './harness.mjs';

useBrowser();

/** The words of a language file in static/lang. */
const table = (lang) =>
  JSON.parse(readFileSync(new URL(`../../static/lang/${lang}.json`, import.meta.url), 'utf8')).words;

/** The widget's words as the reader sees them at the first question. */
function shown(w) {
  return w.host.evaluate((host) => {
    const root = host.shadowRoot;
    const dw = root.querySelector('.dw');
    return {
      lang: dw.getAttribute('lang'),
      dir: dw.getAttribute('dir'),
      direction: getComputedStyle(dw).direction,
      answers: [...root.querySelectorAll('.dw-answer-buttons button')].map((b) => b.textContent.trim()),
      progress: root.querySelector('.dw-progress')?.textContent.trim(),
    };
  });
}

/** The paths of the language files the page fetched. */
const languageFiles = (w) => w.requests.map((url) => new URL(url).pathname).filter((p) => p.startsWith('/lang/'));

const EXPECTED = {
  de: { yes: 'Ja', no: 'Nein', progress: 'Frage 1 von höchstens 4', dir: 'ltr' },
  fr: { yes: 'Oui', no: 'Non', progress: 'Question 1 sur 4 au plus', dir: 'ltr' },
  es: { yes: 'Sí', no: 'No', progress: 'Pregunta 1 de 4 como máximo', dir: 'ltr' },
  pt: { yes: 'Sim', no: 'Não', progress: 'Pergunta 1 de no máximo 4', dir: 'ltr' },
  ja: { yes: 'はい', no: 'いいえ', progress: '最大4問中1問目', dir: 'ltr' },
  ar: { yes: 'نعم', no: 'لا', progress: 'السؤال 1 من 4 كحدّ أقصى', dir: 'rtl' },
};

for (const [lang, expected] of Object.entries(EXPECTED)) {
  pageTest(`in ${lang}, the widget says its own words and the flow's stay as written`, { path: `embed.html?lang=${lang}` }, async (w) => {
    await w.question.filter({ hasText: QUESTIONS['data-freshness'].text }).waitFor();
    assert.deepEqual(await shown(w), {
      lang,
      dir: expected.dir,
      direction: expected.dir,
      answers: [expected.yes, expected.no],
      progress: expected.progress,
    });
    assert.deepEqual(languageFiles(w), [`/lang/${lang}.json`], 'its language file, once');
    // The flow's own texts are the author's.
    assert.equal((await w.host.locator('.dw-title').textContent()).trim(), 'RAG or fine-tuning?');

    // At the recommendation, its buttons and headings in the language.
    const words = table(lang);
    await w.walk(['no', 'no', 'yes']);
    for (const key of ['copy-link', 'save-toggle', 'export', 'back', 'start-over']) {
      await w.button(words[key]).waitFor();
    }
    await w.host.locator('.dw-kicker', { hasText: words.recommendation }).waitFor();
    await w.host.locator('details.dw-fold > summary', { hasText: words['what-would-change-it'] }).waitFor();
    // The chart's edge labels too.
    const labels = await w.chart.locator('g.dw-edge-label text').allTextContents();
    assert.deepEqual([...new Set(labels.map((t) => t.trim()))].sort(), [expected.no, expected.yes].sort());
  });
}

pageTest('an English page fetches no language file', async (w) => {
  await w.walk(['no', 'no', 'yes']);
  await w.openPanel('Export');
  assert.deepEqual(languageFiles(w), []);
  assert.deepEqual(await w.host.evaluate((h) => h.shadowRoot.querySelector('.dw').getAttribute('lang')), 'en');
});

pageTest('right to left, the layout mirrors and the chart still works', { path: 'embed.html?lang=ar' }, async (w) => {
  await w.question.waitFor();
  const boxes = await w.host.evaluate((host) => {
    const root = host.shadowRoot;
    const box = (selector) => {
      const r = root.querySelector(selector).getBoundingClientRect();
      return { left: r.left, right: r.right };
    };
    const [yes, no] = root.querySelectorAll('.dw-answer-buttons button');
    return {
      yes: yes.getBoundingClientRect().left,
      no: no.getBoundingClientRect().left,
      step: box('.dw-step'),
      map: box('.dw-map'),
      chart: getComputedStyle(root.querySelector('svg.dw-chart-svg')).direction,
    };
  });
  assert.ok(boxes.yes > boxes.no, 'Yes, the first answer, is on the right');
  assert.ok(boxes.step.left > boxes.map.left, 'the question is on the right, the chart on the left');
  assert.equal(boxes.chart, 'ltr', 'the chart runs the way its (English) texts do');

  // The chart: an answered question goes back to it.
  await w.walk(['no', 'no']);
  const node = w.chartNode(QUESTIONS['data-freshness'].label);
  // (The English label, put into an Arabic sentence, is isolated from it.)
  assert.equal(
    (await node.getAttribute('aria-label')).replace(/[\u2066-\u2069]/g, ''),
    `${QUESTIONS['data-freshness'].label} إجابتك: لا. تغيير هذه الإجابة.`,
  );
  const event = await w.expectChange(() => node.click());
  assert.deepEqual(event.detail.answers, {});
  await w.question.filter({ hasText: QUESTIONS['data-freshness'].text }).waitFor();
});

/** The demo page's widget replaced by one with `attributes`, showing the flow `json` from a blob URL. */
function replaceWidget(w, json, attributes = {}) {
  return w.page.evaluate(
    ([json, attributes]) => {
      const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
      const element = document.createElement('decision-widget');
      element.setAttribute('flow', url);
      for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
      document.querySelector('decision-widget').replaceWith(element);
    },
    [json, attributes],
  );
}

const LABELLED = {
  format: 2,
  id: 'labelled',
  version: 1,
  title: 'Tea or coffee?',
  start: 'morning',
  labels: { yes: 'Yep', no: 'Nope', back: 'Go back', 'start-over': 'Again', 'copy-link': 'Grab the link' },
  questions: [
    { id: 'morning', text: 'Is it morning?', yes: 'late', no: 'tea' },
    { id: 'late', text: 'Did you sleep late?', yes: 'coffee', no: 'tea' },
  ],
  outcomes: [
    { id: 'tea', title: 'Tea' },
    { id: 'coffee', title: 'Coffee' },
  ],
};

for (const lang of ['en', 'de', 'ar']) {
  // (The demo page's CSP has no blob: in connect-src; the flow editor's has.)
  pageTest(`a flow's labels say "Yep" and "Nope" over ${lang === 'en' ? 'English' : lang}`, { context: { bypassCSP: true } }, async (w) => {
    await replaceWidget(w, JSON.stringify(LABELLED), lang === 'en' ? {} : { lang });
    await w.question.filter({ hasText: 'Is it morning?' }).waitFor();
    assert.deepEqual((await shown(w)).answers, ['Yep', 'Nope']);
    await w.answerButton('yes').click();
    await w.question.filter({ hasText: 'Did you sleep late?' }).waitFor();
    await w.button('Go back').waitFor();
    await w.button('Again').waitFor();
    await w.answerButton('yes').click();
    await w.outcomeTitle.filter({ hasText: 'Coffee' }).waitFor();
    await w.button('Grab the link').waitFor();
    // Where the labels say nothing, the language speaks.
    const words = lang === 'en' ? { export: 'Export' } : table(lang);
    await w.button(words.export).waitFor();
    assert.deepEqual(
      await w.chart.locator('g.dw-edge-label.is-taken text').allTextContents(),
      ['Yep', 'Yep'],
      'the chart says the labels too',
    );
  });
}

pageTest('the language is the element’s, else the flow’s, else the page’s', { context: { bypassCSP: true } }, async (w) => {
  // The flow says German; the page is English.
  await replaceWidget(w, JSON.stringify({ ...LABELLED, labels: {}, lang: 'de' }));
  await w.question.filter({ hasText: 'Is it morning?' }).waitFor();
  assert.equal((await shown(w)).lang, 'de', 'the flow’s language over the page’s');
  // The element's own lang wins, and can change in place, answers kept.
  await w.answerButton('yes').click();
  await w.host.evaluate((host) => host.setAttribute('lang', 'fr'));
  await w.page.waitForFunction(() => document.querySelector('decision-widget').shadowRoot.querySelector('.dw')?.lang === 'fr');
  assert.deepEqual((await shown(w)).answers, ['Oui', 'Non']);
  await w.question.filter({ hasText: 'Did you sleep late?' }).waitFor();
  // A language the widget does not speak is English.
  await w.host.evaluate((host) => host.setAttribute('lang', 'it'));
  await w.page.waitForFunction(() => document.querySelector('decision-widget').shadowRoot.querySelector('.dw')?.lang === 'en');
  // Without its own lang, the flow's again.
  await w.host.evaluate((host) => host.removeAttribute('lang'));
  await w.page.waitForFunction(() => document.querySelector('decision-widget').shadowRoot.querySelector('.dw')?.lang === 'de');
});

pageTest('a page in German speaks German; a damaged link is explained in it', async (w) => {
  await w.page.evaluate(() => {
    document.documentElement.lang = 'de-AT';
    const element = document.createElement('decision-widget');
    element.setAttribute('answers', 'dw1/rag-vs-fine-tuning@9/data-freshness=n');
    document.querySelector('decision-widget').replaceWith(element);
  });
  await w.notice.waitFor();
  assert.equal((await shown(w)).lang, 'de');
  assert.match(
    await w.notice.textContent(),
    /Dieser Link wurde mit einer neueren Version dieses Ablaufs erstellt \(Version 9\)\./,
  );
});

for (const walk of PATHS) {
  pageTest(
    `at 1280×900 the outcome ${pathName(walk)} is at most 1,400 px tall, its recommendation, first reason and Copy link in the first screen`,
    { path: '#' + linkCode(walk.answers) },
    async (w) => {
      await w.outcomeTitle.filter({ hasText: OUTCOMES[walk.outcome].title }).waitFor();
      // The widget's top at the top of the screen, as a reader scrolls to it.
      await w.host.evaluate((host) => host.scrollIntoView({ block: 'start' }));
      const measured = await w.host.evaluate((host) => {
        const root = host.shadowRoot;
        const bottom = (el) => (el ? Math.round(el.getBoundingClientRect().bottom) : null);
        const copy = [...root.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Copy link');
        return {
          height: Math.round(host.getBoundingClientRect().height),
          top: Math.round(host.getBoundingClientRect().top),
          title: bottom(root.querySelector('.dw-outcome-title')),
          reason: bottom(root.querySelector('.dw-reasons > li')),
          copy: bottom(copy),
        };
      });
      assert.ok(measured.height <= 1400, `the widget is ${measured.height} px tall`);
      assert.ok(Math.abs(measured.top) <= 1, `the widget starts at the top: ${measured.top}`);
      for (const what of ['title', 'reason', 'copy']) {
        assert.ok(measured[what] !== null && measured[what] <= 900, `${what} ends at ${measured[what]} px: ${JSON.stringify(measured)}`);
      }
    },
  );
}

pageTest('exports say their own words in the widget’s language, the flow’s texts as written', { path: 'embed.html?lang=de' }, async (w) => {
  await w.grantClipboard();
  await w.walk(['no', 'no', 'yes']);
  await w.openPanel('Exportieren');
  await w.button('Kopieren: Markdown').click();
  await w.host.locator('.dw-export p.dw-status', { hasText: 'Markdown in die Zwischenablage kopiert.' }).waitFor();
  const markdown = await w.readClipboard();
  assert.match(markdown, /^# Entscheidung: Fine-tune for style or format$/m);
  assert.match(markdown, /^## Kontext$/m);
  assert.match(markdown, /^### Warum$/m);
  assert.match(markdown, /^1\. Does the answer depend on data that changes more often than once a month\? \*\*Nein\*\*$/m);
});

pageTest('a panel opens with its button, and Escape closes it and gives the button focus back', async (w) => {
  await w.walk(['yes']);
  const save = w.button('Save');
  assert.equal(await save.getAttribute('aria-expanded'), 'false');
  assert.equal(await save.getAttribute('aria-controls'), null, 'it names no panel that is not there');
  await save.click();
  assert.equal(await save.getAttribute('aria-expanded'), 'true');
  const panel = w.host.locator(`#${await save.getAttribute('aria-controls')}`);
  await panel.waitFor();
  // Focus goes to the form's first field.
  await w.waitForFocus('input.dw-input', '', 'the title field');
  await w.page.keyboard.press('Escape');
  await panel.waitFor({ state: 'detached' });
  await w.waitForFocus('button.dw-disclose', 'Save', 'the Save button');
  assert.equal(await save.getAttribute('aria-expanded'), 'false');
  // One panel at a time.
  await w.openPanel('Export');
  await w.openPanel('Save');
  assert.equal(await w.host.locator('.dw-panel').count(), 1);
  assert.equal(await w.button('Export').getAttribute('aria-expanded'), 'false');
});
