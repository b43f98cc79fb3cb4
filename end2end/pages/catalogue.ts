/**
 * The app's texts as the browser tests read them: `end2end/generated/catalogue.json`, written
 * from the Rust catalogue (src/i18n) by the Rust test `the_browser_tests_read_the_catalogue_as_it_is`
 * (src/i18n/samples.rs says how each kind of text is written down). Nothing here is a copy kept by
 * hand: a text changed in Rust changes what the tests expect.
 */
import { readFileSync } from 'node:fs';

export type Lang = 'en' | 'fr';
export const langs: readonly Lang[] = ['en', 'fr'];

/** A text; a template with `{0}`, `{1}`…; or a table from the arguments (joined by commas). */
type Entry = string | { table: Record<string, string> };

const data = JSON.parse(readFileSync(new URL('../generated/catalogue.json', import.meta.url), 'utf8')) as Record<
  Lang,
  Record<string, Entry>
>;

function fill(template: string, args: readonly unknown[]): string {
  return template.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));
}

/** One language's texts, by their names in `src/i18n/mod.rs`. */
export interface Catalogue {
  /** A text as it is (`sign_in_title`). */
  text(name: string): string;
  /**
   * A text with its arguments (`code_sent_sms`, `accounts_count`): a name, an address, a count
   * or a code, in the order of the Rust function's parameters.
   */
  format(name: string, ...args: Array<string | number | boolean>): string;
  /** A template's words before its first placeholder: to find a text whose filling is not known. */
  before(name: string): string;
  /**
   * The text as a pattern, where `args` fill the first placeholders and any other placeholder
   * matches whatever the app put there (`inbox_open_title` → /Open requests \((.+?)\)/).
   */
  pattern(name: string, ...args: Array<string | number>): RegExp;
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function catalogue(lang: Lang): Catalogue {
  const entries = data[lang];
  const entry = (name: string): Entry => {
    const e = entries[name];
    if (e === undefined) throw new Error(`catalogue: no text named ${name} (src/i18n/mod.rs)`);
    return e;
  };
  return {
    text(name) {
      const e = entry(name);
      if (typeof e !== 'string') throw new Error(`catalogue: ${name} takes arguments: use format()`);
      return e;
    },
    format(name, ...args) {
      const e = entry(name);
      if (typeof e === 'string') return fill(e, args);
      const exact = e.table[args.join(',')];
      if (exact !== undefined) return exact;
      const template = e.table.template;
      if (template !== undefined) return fill(template, args);
      throw new Error(`catalogue: ${name}(${args.join(', ')}) is not in the generated table (src/i18n/samples.rs)`);
    },
    before(name) {
      const e = entry(name);
      const template = typeof e === 'string' ? e : e.table.template;
      if (template === undefined || !template.includes('{0}')) throw new Error(`catalogue: ${name} is not a template`);
      return template.slice(0, template.indexOf('{0}'));
    },
    pattern(name, ...args) {
      const e = entry(name);
      const template = typeof e === 'string' ? e : e.table.template;
      if (template === undefined) throw new Error(`catalogue: ${name} has no template`);
      const parts = template.split(/\{(\d+)\}/);
      const source = parts
        .map((part, i) => {
          if (i % 2 === 0) return escapeRegExp(part);
          const n = Number(part);
          return n < args.length ? escapeRegExp(String(args[n])) : '(.+?)';
        })
        .join('');
      return new RegExp(source);
    },
  };
}

export const en = catalogue('en');
export const fr = catalogue('fr');
