import { CAUSELESS_CANDIDATES, isCauselessPull, withCauselessCandidates } from './causeless-pull';
import type { Classification } from '../model/category';

// Real pastes (test/classifier: corpus-tenth, -eleventh-b, -twelfth-c/d, kubernetes/kubernetes#119891, kubeflow/kubeflow#2698)
// and the same shapes as kubelet prints them.
const CAUSELESS: ReadonlyArray<[string, string]> = [
  ['the back-off line', 'Back-off pulling image "quay.io/jetstack/cert-manager-ctl:v1.17.1"'],
  ['a reference with a space (redacted by its author)', 'Normal  BackOff  4m55s (x5959 over 22h)  kubelet  Back-off pulling image "<the image>"'],
  ['the Failed event row with only the reason', '  Warning  Failed          36s (x4 over 4m9s)   kubelet            Error: ErrImagePull'],
  ['a Failed event cut before its error', 'Failed to pull image "docker.io/bitnami/mongodb:4.4.4-debian-10-r0"'],
  ['an unquoted reference', 'ErrImagePull: failed to pull image quay.io/a/b:1'],
  [
    'a describe table: Failed, Pulling, BackOff',
    'Warning  Failed   24m (x246 over 84m)    kubelet, raspberrypi  Error: ImagePullBackOff\nNormal   Pulling  9m14s (x19 over 84m)   kubelet, raspberrypi  Pulling image "mariadb"\nNormal   BackOff  4m16s (x337 over 84m)  kubelet, raspberrypi  Back-off pulling image "mariadb"',
  ],
  [
    "kubelet's old sync error around a back-off",
    'Error syncing pod 4b4728cd-4620-11e9-9bf4-d409029b649b ("modeldb-backend-54f88cf869-xbnz4_kubeflow(4b4728cd-4620-11e9-9bf4-d409029b649b)"), skipping: failed to "StartContainer" for "modeldb-backend" with ImagePullBackOff: "Back-off pulling image "mitdbg/modeldb-backend:kf0.4""',
  ],
  ['a timestamp line before it', '2024-01-01 20:26:05\nBack-off pulling image "tccr.io/truecharts/kube-webhook-certgen:latest"'],
  ['a wrap that cuts kubelet words in the pasted reading', 'Warning  Failed  36s  kubelet  Error: ErrIma\ngePull'],
  ['a runtime that gave up retrying', 'trying and failing to pull image'],
  ['an events row', '5m   Warning   BackOff   pod/web-7d9f   Back-off pulling image "a/b:c"'],
  ['a host that holds an error word', 'Failed: Failed to pull image "xxxxxx.dkr.ecr.region-code.amazonaws.com.cn"'],
  ['a cut resolve with nothing after it (Azure Arc docs)', 'failed to resolve reference "<registry>/<repository>/arc-bootstrapper:<image tag>"'],
  ['KubeEdge edged', 'DockerManager EnsureImageExists failed, msg:Back-off pulling image "k8s.gcr.io/kube-proxy:v1.13.2", ImagePullBackOff'],
  ['a fold after "Error:", joined', 'Warning  Failed  36s  kubelet  Error:\nErrImagePull'],
  ["kubelet's wrapper with a folded container name", 'Error syncing pod, skipping: failed to "StartContainer" for " web" with ErrImagePull: "Back-off pulling image "a/b:c""'],
  ['kubectl logs on a waiting container', 'stream logs failed container "vector" in pod "web" is waiting to start: trying and failing to pull image'],
  // Names are no cause, whatever words they hold: a reference without a registry or tag, a pod, a node (kubelet's old source column).
  ['a bare reference that holds an error word', 'Back-off pulling image "status-page"'],
  ['a pod whose name holds an error word', '5m   Warning   BackOff   pod/web-status-7d9f   Back-off pulling image "a/b:c"'],
  ['a node whose name holds an error word', 'Warning  Failed  36s  kubelet, status-node-2.lan  Error: ErrImagePull'],
];

const WITH_A_CAUSE: ReadonlyArray<[string, string]> = [
  ['an error after the reference', 'Failed to pull image "kubernetes/pause": image pull failed for unknown error'],
  ['an rpc error the rules did not know', 'Failed to pull image "a/b:1": rpc error: code = Unknown desc = hcsshim::ProcessBaseLayer: The specified module could not be found.'],
  ['a cut error still naming its status', 'Failed to pull image "a/b:1": unexpected status'],
  ['the error on the next line', 'Failed to pull image "a/b:1":\nthe registry refused: forbidden'],
  ['no failed pull at all', 'Successfully assigned default/web to aks-nodepool1-1234-vmss000000'],
  ['progress only', 'Pulling image "nginx:1.27"'],
  ['a cancel', 'Back-off pulling image "a/b:c"\nFailed to pull image "a/b:c": context canceled'],
  ['an exit status', 'error pulling image a/b:c: exit status 1'],
  ['a cause cut by a terminal wrap (whole once joined)', 'Back-off pulling image "a/b:c"\nFailed to pull image "a/b:c": Fai\nled - no signatures'],
  // Each of these carries one word of an error and no other.
  ['a bare "fail"', 'Failed to pull image "a/b:1": layer download fail'],
  ["ACR's unauthorized", 'Failed to pull image "a/b:1": unauthorized: authentication required'],
  ['a timeout', 'Failed to pull image "a/b:1": i/o timeout'],
];

describe('a paste that names a failed pull and no cause', () => {
  test.each(CAUSELESS)('%s', (_what, text) => {
    expect(isCauselessPull(text)).toBe(true);
  });
  test.each(WITH_A_CAUSE)('not: %s', (_what, text) => {
    expect(isCauselessPull(text)).toBe(false);
  });
});

describe('withCauselessCandidates', () => {
  const unknown: Classification = { category: 'unknown', confidence: 0, candidates: [], explanation: 'no wording matched' };

  test('an unrecognised causeless pull gets the usual causes, stays unknown and says where the error is', () => {
    const result = withCauselessCandidates({ ...unknown, reason: 'ImagePullBackOff' }, 'Back-off pulling image "a/b:c"');
    expect(result).toEqual({
      category: 'unknown',
      confidence: 0,
      candidates: ['tag_not_found', 'repo_not_found', 'auth_missing', 'registry_unavailable', 'network_unreachable'],
      reason: 'ImagePullBackOff',
      explanation: expect.stringMatching(/not why.*kubectl describe pod/),
    });
    expect(result.candidates).not.toBe(CAUSELESS_CANDIDATES);
  });

  test.each<[string, Classification]>([
    ['a decided category', { category: 'tag_not_found', confidence: 0.85, candidates: [], explanation: 'manifest unknown' }],
    ['an undecided reading that already has candidates', { ...unknown, candidates: ['access_denied'] }],
  ])('leaves %s alone', (_what, result) => {
    expect(withCauselessCandidates(result, 'Back-off pulling image "a/b:c"')).toBe(result);
  });

  test('leaves a paste with a cause alone', () => {
    expect(withCauselessCandidates(unknown, 'Failed to pull image "a/b:1": image pull failed for unknown error')).toBe(unknown);
  });
});
