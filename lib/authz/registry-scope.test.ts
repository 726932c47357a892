import { chatRegistryProblem } from './registry-scope';

describe('registries chat may name', () => {
  it('with an allow-list, only its login servers', () => {
    expect(chatRegistryProblem('myacr.azurecr.io/app:v1', ['myacr.azurecr.io'])).toBeUndefined();
    expect(chatRegistryProblem('other.azurecr.io/app:v1', ['myacr.azurecr.io'])).toContain('not in PULL_DOCTOR_ALLOWED_REGISTRIES');
    expect(chatRegistryProblem('nginx', ['docker.io'])).toBeUndefined();
  });

  it('without one, public DNS names only', () => {
    expect(chatRegistryProblem('myacr.azurecr.io/app:v1', [])).toBeUndefined();
    expect(chatRegistryProblem('nginx:1.27', [])).toBeUndefined();
    expect(chatRegistryProblem('169.254.169.254/x:1', [])).toContain('IP address');
    expect(chatRegistryProblem('127.0.0.1:5000/x:1', [])).toContain('IP address');
    expect(chatRegistryProblem('localhost:5000/x:1', [])).toContain('not a public registry');
    expect(chatRegistryProblem('[::1]:5000/x:1', [])).toBeDefined();
    expect(chatRegistryProblem('metadata.internal/x:1', [])).toContain('not a public registry');
  });
});
