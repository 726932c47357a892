import { diagnoseWorld } from '../../../test/helpers/check-table';
import type { Finding } from '../../model';
import { DOCS } from './docs';

// The whole pull-permission finding — evidence, fixes with their exact commands, docs — in the
// built-in worlds (test/worlds), not only its status and summary (pull-permission.test.ts).
const SUB = '11111111-1111-1111-1111-111111111111';
const REGISTRY = `/subscriptions/${SUB}/resourceGroups/rg-registry/providers/Microsoft.ContainerRegistry/registries/myacr`;
const KUBELET = '22222222-2222-2222-2222-222222222222';
const ASSIGNMENTS = `ARM ${REGISTRY}/providers/Microsoft.Authorization/roleAssignments`;
const OF_KUBELET = `ARM role assignments of ${KUBELET}`;
const CONDITION =
  "((!(ActionMatches{'Microsoft.ContainerRegistry/registries/repositories/content/read'}) AND !(ActionMatches{'Microsoft.ContainerRegistry/registries/repositories/metadata/read'})) OR (@Request[Microsoft.ContainerRegistry/registries/repositories:name] StringEqualsIgnoreCase 'app'))";
const ABAC_FIX = {
  text: `myacr uses ABAC repository permissions: grant the "Container Registry Repository Reader" role, limited to the repository app (content/read and metadata/read) by the documented condition ${CONDITION} (AcrPull and az aks update --attach-acr are not honoured in this mode).`,
  command: `az role assignment create --assignee-object-id ${KUBELET} --assignee-principal-type ServicePrincipal --role 'Container Registry Repository Reader' --scope ${REGISTRY} --condition '${CONDITION.replace(/'/g, "'\\''")}' --condition-version 2.0`,
};

async function findingIn(world: string): Promise<Omit<Finding, 'durationMs'>> {
  const { durationMs: _ignored, ...finding } = (await diagnoseWorld(world)).findings.find((f) => f.checkId === 'pull-permission')!;
  return finding;
}

describe('pull-permission findings in full', () => {
  it('no role at all: the attach command and the direct role assignment', async () => {
    expect(await findingIn('acr-not-attached')).toEqual({
      checkId: 'pull-permission',
      status: 'fail',
      summary: 'The kubelet identity of aks-prod has no role that lets it pull from myacr',
      evidence: [{ fact: `kubelet identity ${KUBELET} has no role assignment at or above myacr`, source: ASSIGNMENTS }],
      fixes: [
        {
          text: 'Attach myacr to aks-prod: this grants AcrPull to the kubelet identity on the registry only (run it as someone who may assign roles on myacr: Owner, User Access Administrator or Role Based Access Control Administrator).',
          command: 'az aks update --resource-group rg-aks-prod --name aks-prod --attach-acr myacr',
        },
        {
          text: 'Or grant AcrPull directly (same effect, for pipelines that manage role assignments):',
          command: `az role assignment create --assignee-object-id ${KUBELET} --assignee-principal-type ServicePrincipal --role AcrPull --scope ${REGISTRY}`,
        },
      ],
      docs: DOCS.attachAcr,
    });
  }, 30_000);

  it('ABAC mode with AcrPull only: says why AcrPull does not count, and the repository role with its condition', async () => {
    expect(await findingIn('abac-acrpull-only')).toEqual({
      checkId: 'pull-permission',
      status: 'fail',
      summary: 'The kubelet identity of aks-prod has no repository role that lets it pull app from myacr (ABAC mode: AcrPull is not honoured)',
      evidence: [
        { fact: `kubelet identity ${KUBELET} has 1 role assignment(s) at or above myacr`, source: ASSIGNMENTS },
        { fact: `AcrPull at ${REGISTRY} does not grant the pull (registry-wide pull roles are not honoured in ABAC mode)`, source: OF_KUBELET },
      ],
      fixes: [ABAC_FIX],
      docs: DOCS.abac,
    });
  }, 30_000);

  it('ABAC mode, a repository role whose condition leaves the repository out', async () => {
    const finding = await findingIn('abac-request-condition-denies');
    expect(finding.evidence[1]).toEqual({ fact: `Container Registry Repository Reader at ${REGISTRY} does not grant the pull (its condition does not let the repository app through)`, source: OF_KUBELET });
    expect(finding.fixes).toEqual([ABAC_FIX]);
  }, 30_000);

  it('ABAC mode, a condition pull-doctor cannot evaluate: the condition, what to check, and the replacement', async () => {
    const finding = await findingIn('abac-condition-unevaluable');
    const condition = finding.evidence[0]!.fact.replace(`condition of Container Registry Repository Reader at ${REGISTRY}: `, '');
    expect(condition).toMatch(/@Principal\[Microsoft\.Directory\/CustomSecurityAttributes\/Id:Engineering_Project\] StringEquals 'shop'/);
    const attribute = 'the attribute Microsoft.Directory/CustomSecurityAttributes/Id:Engineering_Project';
    expect(finding).toEqual({
      checkId: 'pull-permission',
      status: 'warn',
      summary: 'Could not evaluate the ABAC condition of Container Registry Repository Reader on myacr: the kubelet identity may not be allowed to pull app',
      evidence: [
        { fact: `condition of Container Registry Repository Reader at ${REGISTRY}: ${condition}`, source: `ARM ${REGISTRY}/providers/Microsoft.Authorization/roleAssignments/acacacac-0000-4000-8000-000000000001` },
        { fact: `Container Registry Repository Reader at ${REGISTRY} may not grant the pull (its condition could not be evaluated: ${attribute})`, source: OF_KUBELET },
      ],
      fixes: [
        { text: `Check that the condition of Container Registry Repository Reader (${attribute}) lets app through for Microsoft.ContainerRegistry/registries/repositories/content/read: ${condition}` },
        { ...ABAC_FIX, text: `Or replace it: ${ABAC_FIX.text}` },
      ],
      docs: DOCS.abac,
    });
  }, 30_000);

  it('a service principal cluster with no service principal holding a pull role: AcrPull to its app id', async () => {
    expect(await findingIn('service-principal-cluster')).toEqual({
      checkId: 'pull-permission',
      status: 'fail',
      summary: "No service principal holds a pull role on myacr, so the cluster's service principal 66666666-6666-6666-6666-666666666666 cannot pull",
      evidence: [{ fact: '0 role assignment(s) for service principals at or above myacr; none grants the pull', source: ASSIGNMENTS }],
      fixes: [
        {
          text: "Grant AcrPull on myacr to the cluster's service principal (az accepts its app id).",
          command: `az role assignment create --assignee 66666666-6666-6666-6666-666666666666 --role AcrPull --scope ${REGISTRY}`,
        },
      ],
      docs: DOCS.attachAcr,
    });
  }, 30_000);

  it.each<[string, string, string]>([
    ['role-inherited-rg', 'AcrPull', `/subscriptions/${SUB}/resourceGroups/rg-registry`],
    ['custom-role-pull', 'Contoso Image Puller', REGISTRY],
  ])('in %s: the granting assignment, as evidence', async (world, role, scope) => {
    expect((await findingIn(world)).evidence).toEqual([{ fact: `${role} at ${scope} grants the pull`, source: OF_KUBELET }]);
  }, 30_000);
});
