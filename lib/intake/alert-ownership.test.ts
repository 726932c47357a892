import { PULL_FAILURE_ALERT_QUERY } from '../logs/kql-templates';
import { alertOwnership } from './alert-ownership';
import type { AlertOrigin } from './parse-alert';

const origin = (fields: Partial<AlertOrigin>): AlertOrigin => ({ rule: 'some-rule', searchQueries: [], dimensionNames: [], ...fields });
const RULES = ['pull-doctor-image-pull-failures-abc', '/subscriptions/s/resourceGroups/rg/providers/Microsoft.AlertsManagement/prometheusRuleGroups/pull-doctor-xyz/'];

describe('alertOwnership', () => {
  it.each<[string, Partial<AlertOrigin>, readonly string[], false | 'rule' | 'query' | 'dimensions']>([
    ['configured rule name', { rule: 'pull-doctor-image-pull-failures-abc' }, RULES, 'rule'],
    ['configured rule name, other case', { rule: 'Pull-Doctor-Image-Pull-Failures-ABC' }, RULES, 'rule'],
    ['configured as a resource id, matched by name', { rule: 'pull-doctor-xyz' }, RULES, 'rule'],
    ['Prometheus rule group id configured (trailing slash)', { rule: 'PullDoctorImagePullBackOff', ruleGroup: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.AlertsManagement/prometheusRuleGroups/pull-doctor-xyz' }, RULES, 'rule'],
    ['another rule group', { rule: 'Other', ruleGroup: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.AlertsManagement/prometheusRuleGroups/other' }, RULES, false],
    ['no rules configured', { rule: 'pull-doctor-image-pull-failures-abc' }, [], false],
    ['the alert query template', { searchQueries: [PULL_FAILURE_ALERT_QUERY] }, [], 'query'],
    ['the template with CRLF and extra spaces', { searchQueries: [`  ${PULL_FAILURE_ALERT_QUERY.replace(/\n/g, '\r\n   ')} `] }, [], 'query'],
    ['a different query', { searchQueries: ['Heartbeat'] }, [], false],
    ['image dimension', { dimensionNames: ['clusterid', 'image'] }, [], 'dimensions'],
    ['pod dimension', { dimensionNames: ['pod'] }, [], 'dimensions'],
    ['podname dimension', { dimensionNames: ['podname'] }, [], 'dimensions'],
    ['name + namespace dimensions', { dimensionNames: ['name', 'namespace'] }, [], 'dimensions'],
    ['name alone (a generic dimension)', { dimensionNames: ['name'] }, [], false],
    ['namespace alone', { dimensionNames: ['namespace'] }, [], false],
    ['Computer dimension (heartbeat)', { dimensionNames: ['computer'] }, [], false],
    ['Prometheus pod label with a pull waiting reason', { dimensionNames: ['pod', 'namespace', 'reason'], reasonLabel: 'ImagePullBackOff', expression: 'x > 0' }, [], 'dimensions'],
    ['Prometheus pod label, pull reason only in the expression', { dimensionNames: ['pod'], expression: 'kube_pod_container_status_waiting_reason{reason=~"ErrImagePull"} > 0' }, [], 'dimensions'],
    ['Prometheus pod label of a crash-loop rule', { dimensionNames: ['pod', 'namespace'], reasonLabel: 'CrashLoopBackOff', expression: 'kube_pod_container_status_restarts_total > 3' }, [], false],
    ['pod label with a non-pull reason and no expression', { dimensionNames: ['pod'], reasonLabel: 'CrashLoopBackOff' }, [], false],
    ['Prometheus node CPU', { dimensionNames: ['instance', 'node'], expression: 'node_cpu > 0.9' }, [], false],
    ['Prometheus pod label, no reason label, an expression about something else', { dimensionNames: ['pod', 'namespace'], expression: 'kube_pod_container_status_restarts_total > 3' }, [], false],
    ['rule group id configured with two trailing slashes', { rule: 'Other', ruleGroup: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.AlertsManagement/prometheusRuleGroups/pull-doctor-xyz' }, [`${RULES[1]}/`], 'rule'],
    ['rule name configured as an id with two trailing slashes', { rule: 'pull-doctor-xyz' }, [`${RULES[1]}/`], 'rule'],
    ['the alert names its rule group with trailing slashes', { rule: 'Other', ruleGroup: `${RULES[1]}/` }, RULES, 'rule'],
  ])('%s', (_name, fields, rules, by) => {
    const verdict = alertOwnership(origin(fields), rules);
    expect(verdict).toEqual(by ? { ours: true, by } : { ours: false, reason: `not a pull-failure alert: ${origin(fields).rule}` });
  });
});
