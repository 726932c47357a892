import { CONTAINER_INSIGHTS_TABLES } from '../../lib/logs/container-insights-tables';

/* eslint-disable @typescript-eslint/no-require-imports */
// The language service is a Bridge.NET build that installs `Kusto` and `System` globals.
require('@kusto/language-service-next/bridge.min.js');
require('@kusto/language-service-next/Kusto.Language.Bridge.min.js');
/* eslint-enable @typescript-eslint/no-require-imports */

interface KustoDiagnostic {
  Severity: string;
  Message: string;
  Start: number;
}
interface KustoGlobals {
  Kusto: {
    Language: {
      Symbols: {
        TableSymbol: { $ctor7: new (name: string, schema: string, description: string | null) => unknown };
        DatabaseSymbol: { ctor: new (name: string, members: unknown[]) => unknown };
      };
      GlobalState: { Default: { WithDatabase(db: unknown): unknown } };
      KustoCode: { ParseAndAnalyze(text: string, globals: unknown): { GetDiagnostics(): unknown } };
    };
  };
  System: { Linq: { Enumerable: { from(list: unknown, type: unknown): { elementAt(i: number): KustoDiagnostic } } }; Object: unknown };
}
const g = globalThis as unknown as KustoGlobals;
const K = g.Kusto.Language;
const tables = Object.entries(CONTAINER_INSIGHTS_TABLES).map(
  ([name, columns]) => new K.Symbols.TableSymbol.$ctor7(name, `(${Object.entries(columns).map(([c, t]) => `${c}:${t}`).join(', ')})`, null),
);
const globals = K.GlobalState.Default.WithDatabase(new K.Symbols.DatabaseSymbol.ctor('ContainerInsights', tables));

/** Errors and warnings of a query, analysed by @kusto/language-service-next against the Container insights tables. */
export function kustoDiagnostics(query: string): string[] {
  const list = K.KustoCode.ParseAndAnalyze(query, globals).GetDiagnostics() as { Count: number };
  const items = g.System.Linq.Enumerable.from(list, g.System.Object);
  return Array.from({ length: list.Count }, (_, i) => items.elementAt(i))
    .filter((d) => d.Severity === 'Error' || d.Severity === 'Warning')
    .map((d) => `${d.Severity} at ${d.Start}: ${d.Message}`);
}
