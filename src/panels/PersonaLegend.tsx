import { useTranslation } from 'react-i18next';
import type { Persona } from '../domain/schema';

export function PersonaLegend({ personas }: { personas: readonly Persona[] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="persona-legend-title" className="flex flex-wrap items-center gap-3" data-testid="persona-legend">
      <h2 id="persona-legend-title" className="text-xs font-semibold uppercase tracking-wide text-slate-500">
        {t('map.personas')}
      </h2>
      <ul className="flex flex-wrap gap-3">
        {personas.map((p) => (
          <li key={p.id} className="flex items-center gap-1.5 text-sm text-slate-700" title={p.description}>
            <span aria-hidden="true" className="inline-block h-3 w-3 rounded-full" style={{ backgroundColor: p.color }} />
            {p.name}
          </li>
        ))}
      </ul>
    </section>
  );
}
