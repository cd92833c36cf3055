// What the end-to-end tests' init scripts add to the pages they drive
// (see recordEvents in harness.mjs), for the functions the tests hand to
// page.evaluate: the events recordEvents keeps, and axe-core as the
// accessibility checks inject it.

/** A widget event as recordEvents keeps it. */
interface RecordedWidgetEvent {
  type: string;
  detail: any;
  target: string | null;
  answerKeys: string[] | null;
}

interface Window {
  /** Every widget event the page heard, in order. */
  __dwEvents: RecordedWidgetEvent[];
  /** axe-core, once the accessibility checks injected it. */
  axe: typeof import('axe-core');
}
