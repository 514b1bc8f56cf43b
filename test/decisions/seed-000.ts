/** The two clauses of Region Halland's board decision (seed 000), after the working committee's proposal. */
export const SEED_000_CLAUSES = [
  'Region Halland ska ingå i ansökan till Effektivitetsdelegationen om medel för två regiongemensamma satsningar för att effektivisera hälso- och sjukvården genom att öka regionernas kompetens och förmåga att införa effektiva AI-lösningar, samt skapa en plattform för att snabbt och effektivt kunna skala och sprida lösningar som visat sig framgångsrika i en region till övriga regioner.',
  'uppdra åt regionkontoret att därjämte och för egen del ansöka om statsbidrag för andra åtgärder att effektivisera hälso- och sjukvården.',
];

export const SEED_000_TITLE =
  'Ansökan om statsbidrag till regioner för effektivisering av hälso- och sjukvård';
