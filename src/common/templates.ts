import { formatPartialDateSv } from './partial-date';
import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { formatKronor, formatSwedishDate } from './format';

/**
 * A Handlebars environment of our own: templates are .hbs files beside the code (copied to
 * dist as Nest CLI assets), compiled once, in strict mode so a missing value fails loudly
 * instead of printing an empty string into a public document. {{…}} escapes HTML.
 */
const handlebars = Handlebars.create();
handlebars.registerHelper('kronor', (ore: number) => formatKronor(ore));
// Full dates as "26 mars 2024"; transcribed partial dates as "mars 2014" / "2014"; none: "datum okänt".
handlebars.registerHelper('datum', (date: string | null | undefined) =>
  date != null && date.length === 10 ? formatSwedishDate(date) : formatPartialDateSv(date ?? null),
);
handlebars.registerHelper('eq', (a: unknown, b: unknown) => a === b);
handlebars.registerHelper('inc', (n: number) => n + 1);

export type RenderTemplate<T> = (context: T) => string;

/** Compiles `<dir>/<name>` once; call with the caller's __dirname. */
export function compileTemplate<T>(dir: string, name: string): RenderTemplate<T> {
  const source = readFileSync(`${dir}/${name}`, 'utf8');
  const template = handlebars.compile<T>(source, { strict: true, noEscape: false });
  return (context: T) => template(context);
}

export function registerPartial(name: string, dir: string, file: string): void {
  handlebars.registerPartial(name, readFileSync(`${dir}/${file}`, 'utf8'));
}
