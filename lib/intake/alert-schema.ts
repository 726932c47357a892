import { z } from 'zod';

/**
 * The Azure Monitor common alert schema, as far as pull-doctor reads it.
 * Source: MS Learn "Common alert schema" (https://learn.microsoft.com/azure/azure-monitor/alerts/alerts-common-schema)
 * and "Sample alert payloads" (https://learn.microsoft.com/azure/azure-monitor/alerts/alerts-payload-samples).
 * Unknown fields pass through; only what we use is required.
 */
export const COMMON_ALERT_SCHEMA_ID = 'azureMonitorCommonAlertSchema';

const Dimension = z.object({ name: z.string(), value: z.union([z.string(), z.number()]).transform(String) });

/** One criterion of a log search alert (v2) or a metric alert. */
const Criterion = z
  .object({
    searchQuery: z.string().nullish(),
    metricName: z.string().nullish(),
    // The documented availability-test sample sends `metricNamespace: null`.
    metricNamespace: z.string().nullish(),
    dimensions: z.array(Dimension).nullish().transform((d) => d ?? []),
    metricValue: z.number().nullish(),
    windowStartTime: z.string().nullish(),
    windowEndTime: z.string().nullish(),
    linkToSearchResultsAPI: z.string().nullish(),
    linkToFilteredSearchResultsAPI: z.string().nullish(),
  })
  .passthrough();
export type AlertCriterion = z.infer<typeof Criterion>;

export const AlertContextSchema = z
  .object({
    conditionType: z.string().nullish(),
    condition: z
      .object({
        windowSize: z.string().nullish(),
        windowStartTime: z.string().nullish(),
        windowEndTime: z.string().nullish(),
        allOf: z.array(Criterion).nullish().transform((c) => c ?? []),
      })
      .passthrough()
      .nullish(),
    /** Prometheus rule alerts: the series labels (namespace, pod, container, reason, cluster, …). */
    labels: z.record(z.string(), z.string()).nullish(),
    /** Prometheus rule alerts: the PromQL expression and the rule group's ARM id. */
    expression: z.string().nullish(),
    ruleGroup: z.string().nullish(),
  })
  .passthrough();

export const EssentialsSchema = z
  .object({
    alertId: z.string().min(1),
    // Budget and cost test actions send `alertRule: null`, `alertTargetIDs: null` (alerts-payload-samples).
    alertRule: z.string().nullish(),
    severity: z.string().nullish(),
    signalType: z.string().nullish(),
    monitorCondition: z.enum(['Fired', 'Resolved']),
    monitoringService: z.string().nullish(),
    alertTargetIDs: z.array(z.string()).nullish().transform((t) => t ?? []),
    configurationItems: z.array(z.string()).nullish().transform((c) => c ?? []),
    originAlertId: z.string().nullish(),
    firedDateTime: z.string().min(1),
    resolvedDateTime: z.string().nullish(),
  })
  .passthrough();

export const CommonAlertSchema = z.object({
  schemaId: z.literal(COMMON_ALERT_SCHEMA_ID),
  data: z.object({
    essentials: EssentialsSchema,
    alertContext: AlertContextSchema.nullish(),
  }),
});
export type CommonAlert = z.infer<typeof CommonAlertSchema>;
