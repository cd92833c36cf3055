// The flows an author can start from: the article's own flow and the
// several-answer example, read from flows/ on this site so they are always
// the files the site serves, and a blank yes/no flow to fill in.

/** The JSON Schema of flow files, beside this page. */
export const schemaUrl = () => new URL('flow.schema.json', document.baseURI).href;

const BLANK_YES_NO = (/** @type {string} */ schema) => `{
  "$schema": ${JSON.stringify(schema)},
  "format": 2,
  "id": "my-flow",
  "version": 1,
  "lang": "en",
  "title": "Should we do it?",
  "intro": "Two questions decide it.",
  "start": "first-question",
  "questions": [
    {
      "id": "first-question",
      "label": "First question?",
      "text": "Is this the first question a reader answers?",
      "help": "An optional hint under the question.",
      "yes": "second-question",
      "no": "not-now"
    },
    {
      "id": "second-question",
      "label": "Second question?",
      "text": "Does the second answer settle it?",
      "yes": "go-ahead",
      "no": "not-now"
    }
  ],
  "outcomes": [
    {
      "id": "go-ahead",
      "label": "Go ahead",
      "title": "Go ahead",
      "summary": "One sentence on what to do.",
      "reasons": [{ "text": "Why this is the right call." }]
    },
    {
      "id": "not-now",
      "label": "Not now",
      "title": "Not now",
      "summary": "One sentence on what to do instead.",
      "reasons": [{ "text": "Why this is the right call." }]
    }
  ]
}
`;

/**
 * A template: read from a file of this site, or written here.
 * @typedef {{ name: string, file: string } | { name: string, text: (schema: string) => string }} Template
 */

/**
 * Every template: its name, as a sentence says it, and how to get its text.
 * @satisfies {Record<string, Template>}
 */
export const TEMPLATES = {
  article: { name: 'the article’s flow', file: 'flows/rag-vs-fine-tuning.json' },
  'yes-no': { name: 'a blank yes/no flow', text: BLANK_YES_NO },
  choices: { name: 'a flow with several answers', file: 'flows/data-pipeline-schedule.json' },
};

/** @typedef {keyof typeof TEMPLATES} TemplateKey */

/**
 * The text of the template `key`, with its `$schema` pointing at this
 * site's schema so that an editor elsewhere can still find it.
 * @param {TemplateKey} key
 * @returns {Promise<string>}
 */
export async function templateText(key) {
  /** @type {Template} */
  const template = TEMPLATES[key];
  if ('text' in template) return template.text(schemaUrl());
  const response = await fetch(new URL(template.file, document.baseURI), { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`${template.file} answered ${response.status}`);
  const text = await response.text();
  // The files in flows/ name the schema relative to themselves.
  return text.replace('"$schema": "../flow.schema.json"', `"$schema": ${JSON.stringify(schemaUrl())}`);
}
