import { chatRegistryProblem } from './registry-scope';

describe('registries chat may name (the egress policy without ARM)', () => {
  it('allows listed hosts, built-in public registries and ACR hosts (the diagnosis still needs ARM to resolve them)', () => {
    expect(chatRegistryProblem('registry.partner.example/app:v1', ['registry.partner.example'])).toBeUndefined();
    expect(chatRegistryProblem('myacr.azurecr.io/app:v1', [])).toBeUndefined();
    expect(chatRegistryProblem('other.azurecr.io/app:v1', ['myacr.azurecr.io'])).toBeUndefined();
    expect(chatRegistryProblem('nginx:1.27', [])).toBeUndefined();
    expect(chatRegistryProblem('ghcr.io/org/tool:1', [])).toBeUndefined();
  });

  it('refuses any other host with the setting to change', () => {
    expect(chatRegistryProblem('evil.example.com/app:v1', [])).toContain('registry host not allowed: add it to PULL_DOCTOR_ALLOWED_REGISTRIES');
    expect(chatRegistryProblem('metadata.internal/x:1', ['myacr.azurecr.io'])).toContain('not allowed');
    expect(chatRegistryProblem('10.0.0.5:5000/x:1', [])).toContain('not allowed');
  });

  it('refuses loopback and link-local addresses even when listed', () => {
    expect(chatRegistryProblem('169.254.169.254/x:1', ['169.254.169.254'])).toContain('link-local');
    expect(chatRegistryProblem('127.0.0.1:5000/x:1', ['127.0.0.1:5000'])).toContain('loopback');
    expect(chatRegistryProblem('localhost:5000/x:1', [])).toContain('loopback');
    expect(chatRegistryProblem('[::1]:5000/x:1', [])).toBeDefined();
  });
});
