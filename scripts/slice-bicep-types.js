#!/usr/bin/env node
'use strict';
// Writes test/fixtures/bicep-types/<type>@<version>.json: for every resource type@apiVersion that
// infra/**/*.bicep declares, the part of Azure/bicep-types-az's generated types.json reachable from
// that resource's body (the "slice" test/infra/bicep-types.test.ts checks property names against).
//
//   node scripts/slice-bicep-types.js <git directory of an Azure/bicep-types-az clone>
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const repo = process.argv[2];
if (!repo) {
  process.stderr.write('usage: node scripts/slice-bicep-types.js <Azure/bicep-types-az git directory>\n');
  process.exit(3);
}
const root = path.join(__dirname, '..');
const out = path.join(root, 'test', 'fixtures', 'bicep-types');
const git = (...args) => execFileSync('git', ['--git-dir', repo, ...args], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
const commit = git('rev-parse', 'HEAD').trim();

function bicepFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? bicepFiles(path.join(dir, e.name)) : e.name.endsWith('.bicep') ? [path.join(dir, e.name)] : []));
}
const wanted = new Set();
const declared = new Set(); // declared with a body (not only `existing`): their property types are needed
for (const file of bicepFiles(path.join(root, 'infra'))) {
  for (const m of fs.readFileSync(file, 'utf8').matchAll(/^\s*resource \w+ '([^@']+)@([^']+)'( existing)?/gm)) {
    wanted.add(`${m[1]}@${m[2]}`);
    if (!m[3]) declared.add(`${m[1]}@${m[2]}`);
  }
}

// The resource types the sandbox serves (lib/sandbox/worlds), at the API version the SDK client
// calls or, where bicep-types-az has no generated file for it yet, the newest stable one before it
// (test/sandbox/arm-shapes.test.ts checks every world resource's property names and nesting).
const SANDBOX_TYPES = [
  'Microsoft.ContainerService/managedClusters@2026-05-01', // @azure/arm-containerservice 25.5 calls 2026-06-01
  'Microsoft.ContainerRegistry/registries@2025-11-01',
  'Microsoft.ContainerRegistry/registries/replications@2025-11-01',
  'Microsoft.ContainerRegistry/registries/cacheRules@2025-11-01',
  'Microsoft.ContainerRegistry/registries/credentialSets@2025-11-01',
  'Microsoft.Authorization/roleAssignments@2022-04-01',
  'Microsoft.Authorization/roleDefinitions@2022-04-01',
  // The SDK's 2022-04-01 lists deny assignments (read-only there); bicep-types-az has the type from the
  // version that also creates them.
  'Microsoft.Authorization/denyAssignments@2024-07-01-preview',
  'Microsoft.Network/virtualNetworks@2025-09-01', // @azure/arm-network 39 calls 2026-01-01
  'Microsoft.Network/publicIPAddresses@2025-09-01',
  'Microsoft.Network/publicIPPrefixes@2025-09-01',
  'Microsoft.Network/loadBalancers@2025-09-01',
  'Microsoft.Network/natGateways@2025-09-01',
  'Microsoft.Network/routeTables@2025-09-01',
  'Microsoft.Network/privateEndpoints@2025-09-01',
  'Microsoft.Network/networkInterfaces@2025-09-01',
  // node-egress: the pool subnet's NSG, and the Azure Firewall its route table sends 0.0.0.0/0 to.
  'Microsoft.Network/networkSecurityGroups@2025-09-01',
  'Microsoft.Network/azureFirewalls@2025-09-01',
  'Microsoft.Network/firewallPolicies@2025-09-01',
  'Microsoft.Network/firewallPolicies/ruleCollectionGroups@2025-09-01',
  'Microsoft.Network/privateDnsZones@2024-06-01',
  'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01',
  'Microsoft.Network/privateDnsZones/A@2024-06-01',
  'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30',
  'Microsoft.OperationalInsights/workspaces@2025-07-01',
  'Microsoft.Resources/resourceGroups@2025-04-01',
];
for (const r of SANDBOX_TYPES) {
  wanted.add(r);
  declared.add(r);
}

const allTypeFiles = git('ls-tree', '-r', '--name-only', 'HEAD', 'generated').split('\n').filter((p) => p.endsWith('/types.json'));
fs.mkdirSync(out, { recursive: true });
const sources = [];
for (const resource of [...wanted].sort()) {
  const [type, version] = resource.split('@');
  const namespace = type.split('/')[0].toLowerCase();
  const candidates = allTypeFiles.filter((p) => p.split('/')[2] === namespace && p.split('/')[3] === version);
  let found;
  for (const file of candidates) {
    const types = JSON.parse(git('show', `HEAD:${file}`));
    const index = types.findIndex((t) => t.$type === 'ResourceType' && t.name.toLowerCase() === resource.toLowerCase());
    if (index >= 0) {
      found = { file, types, index };
      break;
    }
  }
  if (!found) {
    process.stderr.write(`${resource}: no ResourceType in generated/*/${namespace}/${version}/types.json\n`);
    process.exitCode = 1;
    continue;
  }
  // Every type reachable from the resource entry, under its index in the original file.
  const slice = {};
  const visit = (value) => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!value || typeof value !== 'object') return;
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith('#/')) {
        const n = v.slice(2);
        if (!(n in slice)) {
          slice[n] = found.types[Number(n)];
          visit(slice[n]);
        }
      } else visit(v);
    }
  };
  slice[String(found.index)] = found.types[found.index];
  // `existing` references only need the type@version to exist.
  if (declared.has(resource)) visit(slice[String(found.index)]);
  const name = `${type.replace(/\//g, '_')}@${version}.json`;
  fs.writeFileSync(path.join(out, name), `${JSON.stringify({ resource, source: { repository: 'Azure/bicep-types-az', path: found.file, commit }, resourceIndex: found.index, types: slice }, null, 1)}\n`);
  sources.push(`| \`${name}\` | \`${found.file}\` (entry ${found.index}) |`);
}
fs.writeFileSync(
  path.join(out, 'SOURCES.md'),
  [
    '# Bicep resource types (test/infra/bicep-types.test.ts)',
    '',
    `Slices of Azure/bicep-types-az at commit ${commit}: for each resource type@apiVersion in`,
    '`infra/` and for each type the sandbox serves (`SANDBOX_TYPES` in the script), the types reachable from its `ResourceType` entry in the generated `types.json`, keyed by',
    'their index in that file (so `$ref: "#/N"` resolves unchanged). Regenerate after changing an',
    'API version: `node scripts/slice-bicep-types.js <bicep-types-az git directory>`.',
    '',
    '| file | repository path |',
    '|---|---|',
    ...sources,
    '',
  ].join('\n'),
);
process.stdout.write(`wrote ${sources.length} slices to ${path.relative(root, out)}\n`);
