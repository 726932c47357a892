import { fitCardView, type AdaptiveCard } from './adaptive-card';
import { markdownOf } from './markdown';
import type { RenderOptions } from './report-view';
import { fitSlackView, type SlackPayload } from './slack';
import { textOf } from './text';
import { buildAtRiskView, type AtRiskSource, type AtRiskViewOptions } from './warning-view';

/**
 * A warning or an audit in each chat format. The view is built once (buildAtRiskView) and drawn by
 * the diagnosis renderers, which step down the limits ladder as they do for a diagnosis.
 */
export function renderWarningSlack(source: AtRiskSource, options: AtRiskViewOptions, render: RenderOptions = {}): SlackPayload {
  return fitSlackView(buildAtRiskView(source, options), render);
}

export function renderWarningCard(source: AtRiskSource, options: AtRiskViewOptions, render: RenderOptions = {}): AdaptiveCard {
  return fitCardView(buildAtRiskView(source, options), render);
}

export function renderWarningMarkdown(source: AtRiskSource, options: AtRiskViewOptions): string {
  return markdownOf(buildAtRiskView(source, options));
}

export function renderWarningText(source: AtRiskSource, options: AtRiskViewOptions & { color?: boolean }): string {
  return textOf(buildAtRiskView(source, options), options.color ?? false);
}
