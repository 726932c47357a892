/**
 * The trigger registrations in functions/*.ts, read as text (importing them would start the
 * Functions programming model): `app.http('name', { … route: 'x' … })`, `app.eventGrid('name', …)`.
 */
import { join } from 'node:path';
import { ROOT, filesUnder, read } from './bicep-text';

export interface HttpFunction {
  name: string;
  /** Route without the `api/` prefix; the function name when no route is given (Functions default). */
  route: string;
  authLevel: string | undefined;
  file: string;
}

export function functionRegistrations(): { http: HttpFunction[]; eventGrid: string[] } {
  const http: HttpFunction[] = [];
  const eventGrid: string[] = [];
  for (const file of filesUnder(join(ROOT, 'functions'), ['.ts']).filter((f) => !f.endsWith('.test.ts'))) {
    const text = read(file);
    for (const m of text.matchAll(/app\.http\(\s*'([^']+)',\s*\{([^}]*)\}/g)) {
      http.push({
        name: m[1],
        route: /route:\s*'([^']+)'/.exec(m[2])?.[1] ?? m[1],
        authLevel: /authLevel:\s*'([^']+)'/.exec(m[2])?.[1],
        file,
      });
    }
    for (const m of text.matchAll(/app\.eventGrid\(\s*'([^']+)'/g)) eventGrid.push(m[1]);
  }
  return { http, eventGrid };
}

/** host.json's HTTP route prefix ("api" unless extensions.http.routePrefix says otherwise). */
export function routePrefix(): string {
  const host = JSON.parse(read(join(ROOT, 'host.json'))) as { extensions?: { http?: { routePrefix?: string } } };
  return host.extensions?.http?.routePrefix ?? 'api';
}
