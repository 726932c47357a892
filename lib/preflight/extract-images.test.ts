import { extractImages, ManifestError } from './extract-images';

const deployment = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  template:
    spec:
      initContainers: [{ name: migrate, image: myacr.azurecr.io/migrate:v1 }]
      containers: [{ name: web, image: myacr.azurecr.io/web:v2 }, { name: sidecar, image: nginx }]
`;

describe('extractImages', () => {
  it.each([
    ['Deployment with init container', deployment, ['myacr.azurecr.io/migrate:v1', 'myacr.azurecr.io/web:v2', 'nginx']],
    ['Pod', 'kind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: a, image: busybox:1.36}]}', ['busybox:1.36']],
    ['CronJob', 'kind: CronJob\nmetadata: {name: c}\nspec: {jobTemplate: {spec: {template: {spec: {containers: [{name: a, image: myacr.azurecr.io/job:1}]}}}}}', ['myacr.azurecr.io/job:1']],
    ['StatefulSet, DaemonSet, Job in one stream', ['StatefulSet', 'DaemonSet', 'Job'].map((k, i) => `kind: ${k}\nmetadata: {name: w${i}}\nspec: {template: {spec: {containers: [{name: a, image: img${i}}]}}}`).join('\n---\n'), ['img0', 'img1', 'img2']],
    ['List of ReplicaSets', 'kind: List\nitems:\n- kind: ReplicaSet\n  metadata: {name: r}\n  spec: {template: {spec: {containers: [{name: a, image: x:1}]}}}', ['x:1']],
    ['ConfigMap and empty documents are ignored', '---\nkind: ConfigMap\ndata: {image: not-this}\n---\n', []],
  ])('%s', (_name, text, images) => {
    expect(extractImages(text).map((i) => i.image)).toEqual(images);
  });

  it('keeps where each image came from', () => {
    const [init] = extractImages(deployment, 'app.yaml');
    expect(init).toMatchObject({ container: 'migrate', init: true, kind: 'Deployment', name: 'web', namespace: 'shop', origin: 'app.yaml:8', file: 'app.yaml', line: 8 });
    expect(extractImages(deployment, 'app.yaml').map((i) => i.origin)).toEqual(['app.yaml:8', 'app.yaml:9', 'app.yaml:9']);
    const list = 'kind: List\nitems:\n- kind: Pod\n  metadata: {name: a}\n  spec:\n    containers:\n    - name: a\n      image: x:1\n';
    expect(extractImages(`kind: ConfigMap\n---\n${list}`, 'l.yaml')[0]).toMatchObject({ origin: 'l.yaml:10', line: 10 });
  });

  it('reports a YAML error with the document number', () => {
    expect(() => extractImages('kind: Pod\n---\nkind: [unclosed', 'bad.yaml')).toThrow(ManifestError);
    expect(() => extractImages('kind: Pod\n---\nkind: [unclosed', 'bad.yaml')).toThrow(/bad\.yaml:3 \(document 2\)/);
  });
});
