import { isDnsSubdomain, isNamespace, isPodName, isRegistryHost, isRepositoryName, requireName } from '../../intake/names';
import { HEAD_IMAGE, manifestHeadShell } from './manifest-head';

/**
 * The only commands pull-doctor ever sends through AKS Run Command. Each is a fixed POSIX sh
 * template whose variable parts are Kubernetes names or registry hosts that passed their grammar
 * (lib/intake/names.ts) and are single-quoted besides — never raw text from an alert or a chat.
 * The first line states the template and its parameters, so a log line shows exactly what ran.
 *
 * Credentials never leave the cluster: the secrets script decodes `.dockerconfigjson` inside the
 * command pod and prints only the keys of `auths` (registry hosts) and the usernames that are
 * service principal appIds (a GUID is an id, not a secret) — never another username, a password, a
 * token or an `auth` value.
 */

declare const SCRIPT: unique symbol;
/** A command built here (and only here). */
export type ClusterScript = { readonly purpose: ScriptPurpose; readonly text: string } & { readonly [SCRIPT]: true };
export type ScriptPurpose = 'secrets' | 'dns' | 'probe';

/** The image `az aks check-acr` runs on a node (azure-cli acs/_consts.py CONST_CANIPULL_IMAGE). */
export const CANIPULL_IMAGE = 'mcr.microsoft.com/aks/canipull:v0.1.0';
export const SECRET_TYPE_DOCKERCONFIGJSON = 'kubernetes.io/dockerconfigjson';
const HEADER = /^# pull-doctor (secrets|dns|probe) v1 (.*)$/;

function script(purpose: ScriptPurpose, params: Record<string, string>, body: string[]): ClusterScript {
  const header = `# pull-doctor ${purpose} v1 ${Object.entries(params).map(([k, v]) => `${k}=${v}`).join(' ')}`;
  return { purpose, text: [header, ...body].join('\n') } as ClusterScript;
}

const NOT_FOUND_OR_FORBIDDEN = `why() { case "$1" in *NotFound*|*'not found'*) echo notfound;; *orbidden*) echo forbidden;; *) echo error;; esac; }`;
const GUID_LINE = String.raw`'[0-9a-fA-F]\{8\}-[0-9a-fA-F]\{4\}-[0-9a-fA-F]\{4\}-[0-9a-fA-F]\{4\}-[0-9a-fA-F]\{12\}'`;
/**
 * Every username in the decoded config, one a line: the `username` fields, and the part before ':'
 * of each base64 `auth` (configs copied from `docker login` carry only that). Kept in a shell
 * variable; only the lines that are exactly a GUID (an appId) are ever printed.
 */
const USERNAMES = String.raw`users=$( { printf '%s' "$cfg" | grep -o '"username"[[:space:]]*:[[:space:]]*"[^"]*"' | sed 's/^.*"\([^"]*\)"$/\1/'; printf '%s' "$cfg" | grep -o '"auth"[[:space:]]*:[[:space:]]*"[A-Za-z0-9+/=]*"' | sed 's/^.*"\([A-Za-z0-9+/=]*\)"$/\1/' | while read -r a; do printf '%s' "$a" | base64 -d 2>/dev/null | cut -d: -f1; echo; done; } )`;

/** Read-only: the pod's imagePullSecrets, each secret's type, the registry hosts its `auths` cover. */
export function secretsScript(input: { namespace: string; pod: string }): ClusterScript {
  const ns = requireName('namespace', input.namespace, isNamespace);
  const pod = requireName('pod name', input.pod, isPodName);
  return script('secrets', { namespace: ns, pod }, [
    `ns='${ns}'`,
    `pod='${pod}'`,
    NOT_FOUND_OR_FORBIDDEN,
    `if names=$(kubectl get pod -n "$ns" "$pod" -o jsonpath='{.spec.imagePullSecrets[*].name}' 2>&1); then`,
    `  echo "pod ok"`,
    `  echo "pod-pull-secrets $names"`,
    `  for s in $names; do`,
    `    if stype=$(kubectl get secret -n "$ns" "$s" -o jsonpath='{.type}' 2>&1); then`,
    `      hosts=''; user=none; apps=''`,
    `      if [ "$stype" = ${SECRET_TYPE_DOCKERCONFIGJSON} ]; then`,
    `        cfg=$(kubectl get secret -n "$ns" "$s" -o go-template='{{index .data ".dockerconfigjson" | base64decode}}' 2>/dev/null)`,
    `        hosts=$(printf '%s' "$cfg" | grep -o '"[^"]*"[[:space:]]*:[[:space:]]*{' | sed 's/^"\\([^"]*\\)".*/\\1/' | grep -v '^auths$' | tr '\\n' ',' | sed 's/,$//')`,
    `        ${USERNAMES}`,
    `        apps=$(printf '%s\\n' "$users" | grep -x ${GUID_LINE} | tr 'A-F' 'a-f' | sort -u | head -n 8 | tr '\\n' ',' | sed 's/,$//')`,
    `        if [ -n "$apps" ]; then user=guid; elif [ -n "$users" ]; then user=other; fi`,
    `        cfg=''; users=''`,
    `      fi`,
    `      echo "secret $s found type=$stype hosts=$hosts user=$user apps=$apps"`,
    `    else`,
    `      echo "secret $s $(why "$stype")"`,
    `    fi`,
    `  done`,
    `else`,
    `  echo "pod $(why "$names")"`,
    `fi`,
  ]);
}

/** What the cluster's resolver (CoreDNS and whatever it forwards to) answers for each registry host. */
export function dnsScript(input: { hosts: readonly string[] }): ClusterScript {
  const hosts = input.hosts.map((h) => requireName('registry host', h.toLowerCase(), (v) => isRegistryHost(v) && !v.includes(':')));
  if (hosts.length === 0) throw new RangeError('dnsScript needs at least one host');
  return script('dns', { hosts: hosts.join(',') }, [
    `for h in ${hosts.map((h) => `'${h}'`).join(' ')}; do`,
    `  echo "dns $h $(getent ahostsv4 "$h" 2>/dev/null | awk '{print $1}' | sort -u | tr '\\n' ' ')"`,
    `done`,
  ]);
}

/**
 * Two short-lived pods on one node pool, each bounded by `timeout` and deleted afterwards. First a
 * canipull pod (what `az aks check-acr` does): host network, the node's /etc/kubernetes/azure.json,
 * so it authenticates as the kubelet does. Then a HEAD of the exact manifest the same way
 * (manifest-head.ts), whose script travels base64-encoded so no quoting can change it.
 */
export function probeScript(input: { nodePool: string; loginServer: string; podName: string; repository: string; reference: string }): ClusterScript {
  const pool = requireName('node pool name', input.nodePool, (v) => /^[a-z][a-z0-9]{0,11}$/.test(v));
  const host = requireName('registry host', input.loginServer.toLowerCase(), isRegistryHost);
  const pod = requireName('pod name', input.podName, (v) => isDnsSubdomain(v) && v.startsWith('pull-doctor-canipull-'));
  const repository = requireName('repository', input.repository, isRepositoryName);
  const reference = requireName('tag or digest', input.reference, (v) => /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(v) || /^sha256:[0-9a-f]{64}$/.test(v));
  const headPod = pod.replace('pull-doctor-canipull-', 'pull-doctor-head-');
  const azureJson = { name: 'azurejson', mountPath: '/etc/kubernetes/azure.json', readOnly: true };
  const onThePool = (container: object) =>
    JSON.stringify({
      spec: {
        hostNetwork: true,
        nodeSelector: { 'kubernetes.azure.com/agentpool': pool, 'kubernetes.io/os': 'linux' },
        tolerations: [{ operator: 'Exists' }],
        volumes: [{ name: 'azurejson', hostPath: { path: '/etc/kubernetes/azure.json', type: 'File' } }],
        containers: [{ ...container, volumeMounts: [azureJson] }],
      },
    });
  const head = Buffer.from(manifestHeadShell({ host, repository, reference })).toString('base64');
  const run = (name: string, image: string, container: object, args: string) =>
    `timeout 90 kubectl run '${name}' -n kube-system --restart=Never --attach --quiet --pod-running-timeout=60s --image=${image} --overrides='${onThePool({ name, image, ...container })}'${args}`;
  const remove = (name: string) => `kubectl delete pod -n kube-system '${name}' --ignore-not-found --wait=false >/dev/null 2>&1`;
  return script('probe', { pool, registry: host, pod, repository, reference }, [
    run(pod, CANIPULL_IMAGE, { args: ['-v6', host] }, ` -- -v6 '${host}'`),
    `echo "canipull-exit $?"`,
    remove(pod),
    run(headPod, HEAD_IMAGE, { command: ['sh', '-c', `echo ${head} | base64 -d | sh`] }, ''),
    remove(headPod),
  ]);
}

/** The template and parameters a script states on its first line (the sandbox rebuilds and compares). */
export function scriptHeader(text: string): { purpose: ScriptPurpose; params: Record<string, string> } | undefined {
  const m = HEADER.exec(text.split('\n', 1)[0] ?? '');
  if (!m) return undefined;
  const params: Record<string, string> = {};
  for (const pair of m[2].split(' ')) {
    const at = pair.indexOf('=');
    if (at > 0) params[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return { purpose: m[1] as ScriptPurpose, params };
}
