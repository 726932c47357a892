import { describeCheckTable, diagnoseWorld } from '../../../test/helpers/check-table';

describeCheckTable('image-reference', [
  ['healthy', 'pass', /valid reference on the Azure Container Registry myacr\.azurecr\.io/],
  ['azureacr-typo', 'fail', /myacr\.azureacr\.io looks like a typo of myacr\.azurecr\.io/],
  ['invalid-reference', 'fail', /is invalid/],
  ['dockerhub-rate-limited', 'warn', /Docker Hub rate-limited/],
  ['fleet-dockerhub-429-known-acr', 'warn', /Docker Hub rate-limited the pull of docker\.io\/library\/redis:7\.4-alpine/],
]);

describe('Docker Hub rate limit: the import goes to the registry the cluster already pulls from', () => {
  it.each([
    ['dockerhub-rate-limited', 'az acr import --name myacr --source docker.io/library/nginx:1.27 --image nginx:1.27'],
    // The registry lives in the platform subscription, not the cluster's: found there, and named with --subscription.
    ['fleet-dockerhub-429-known-acr', 'az acr import --name twplatformacr --source docker.io/library/redis:7.4-alpine --image redis:7.4-alpine --subscription 2b2b2b2b-7000-4000-8000-000000000202'],
  ])('%s', async (world, command) => {
    const finding = (await diagnoseWorld(world)).findings.find((f) => f.checkId === 'image-reference')!;
    expect(finding.fixes.map((f) => f.command)).toContain(command);
  }, 30_000);
});
