import { describeCheckTable } from '../../../test/helpers/check-table';

describeCheckTable('image-reference', [
  ['healthy', 'pass', /valid reference on the Azure Container Registry myacr\.azurecr\.io/],
  ['azureacr-typo', 'fail', /myacr\.azureacr\.io looks like a typo of myacr\.azurecr\.io/],
  ['invalid-reference', 'fail', /is invalid/],
  ['dockerhub-rate-limited', 'warn', /Docker Hub rate-limited/],
]);
