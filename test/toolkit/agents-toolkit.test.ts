import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/**
 * The Agents Toolkit project files are only run against a real tenant and subscription, so
 * this reads them the way the toolkit does, in lifecycle order, and checks that every file
 * an action reads is there (or made by an earlier action) and every `${{VAR}}` is known by the
 * time it is used: from the env template, a bicep output, an action's writeToEnvironmentFile
 * or a script's `::set-teamsfx-env`.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const LIFECYCLE = ['provision', 'deploy', 'publish'] as const;
/** `with` keys naming a file or folder an action reads. */
const READS = [
  'manifestPath',
  'appPackagePath',
  'artifactFolder',
  'ignoreFile',
  'path',
  'parameters',
];
/** `with` keys naming a file or folder an action writes. */
const WRITES = ['outputZipPath', 'outputFolder', 'outputJsonPath', 'outputZipFile', 'target'];
/**
 * npm scripts whose artefact the README promises; an npm script not listed here must exist
 * in package.json and is assumed to write nothing the yml reads.
 */
const ARTEFACTS: Record<string, string[]> = { bundle: ['dist/app.zip'] };

interface Action {
  uses: string;
  with?: Record<string, unknown>;
  writeToEnvironmentFile?: Record<string, string>;
}

const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const varsIn = (text: string) =>
  [...text.matchAll(/\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g)].map((m) => m[1]!);
const norm = (p: string) => path.posix.normalize(p.replace(/^\.\//, ''));

function envTemplate(file: string): Map<string, string> {
  const env = new Map<string, string>();
  for (const line of read(file).split('\n')) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line.trim());
    if (m) env.set(m[1]!, m[2]!);
  }
  return env;
}

function bicepOutputs(file: string): string[] {
  return [...read(file).matchAll(/^output\s+(\w+)\s/gm)].map((m) => m[1]!.toUpperCase());
}

/**
 * Variables left empty in an env template that a person supplies before provisioning: the
 * toolkit asks for the subscription and resource group; a local run needs a dev tunnel.
 * Any other empty one counts only once an earlier action writes it.
 */
const SUPPLIED: Record<string, string[]> = {
  'env/.env.dev': ['AZURE_SUBSCRIPTION_ID', 'AZURE_RESOURCE_GROUP_NAME'],
  'env/.env.local': ['BOT_ENDPOINT', 'BOT_DOMAIN'],
};

/** Every problem with one yml file; empty when the toolkit could run it start to end. */
function check(ymlFile: string, envFile: string): string[] {
  const doc = parse(read(ymlFile)) as Record<string, unknown>;
  const env = envTemplate(envFile);
  const known = new Set([...env].filter(([, v]) => v !== '').map(([k]) => k));
  for (const k of SUPPLIED[envFile] ?? []) {
    assert.ok(env.has(k), `${envFile}: ${k} is missing`);
    known.add(k);
  }
  const made = new Set<string>();
  const problems: string[] = [];
  const fill = (p: string) => p.replaceAll('${{TEAMSFX_ENV}}', env.get('TEAMSFX_ENV') ?? '');
  const exists = (p: string) => made.has(norm(fill(p))) || fs.existsSync(path.join(ROOT, fill(p)));
  const use = (where: string, text: string) => {
    for (const v of varsIn(text))
      if (!known.has(v)) problems.push(`${where}: \${{${v}}} is not defined yet`);
  };
  const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;

  assert.match(String(doc.version), /^v1\.\d+$/, `${ymlFile}: version`);
  assert.equal(doc.environmentFolderPath, './env', `${ymlFile}: environmentFolderPath`);
  for (const stage of LIFECYCLE) {
    const actions = (doc[stage] ?? []) as Action[];
    actions.forEach((action, i) => {
      const where = `${ymlFile} ${stage}[${i}] ${action.uses}`;
      const args = action.with ?? {};
      use(where, JSON.stringify(args));
      const files: Array<[string, string]> = [];
      for (const [key, value] of Object.entries(args))
        if (typeof value === 'string') files.push([key, value]);
      for (const t of (args.templates ?? []) as Array<Record<string, string>>)
        for (const [key, value] of Object.entries(t)) files.push([key, value]);
      for (const [key, value] of files)
        if (READS.includes(key) && !exists(value))
          problems.push(`${where}: ${key} ${value} does not exist`);

      if (action.uses === 'arm/deploy') {
        for (const t of (args.templates ?? []) as Array<{ path: string; parameters?: string }>) {
          if (t.parameters && exists(t.parameters)) {
            const params = JSON.parse(read(t.parameters)) as {
              parameters: Record<string, unknown>;
            };
            use(`${where} ${t.parameters}`, JSON.stringify(params));
            const bicep = read(t.path);
            const declared = [...bicep.matchAll(/^param\s+(\w+)\s+\w+(\s*=)?/gm)];
            for (const name of Object.keys(params.parameters))
              if (!declared.some((d) => d[1] === name))
                problems.push(`${t.parameters}: ${name} is no parameter of ${t.path}`);
            for (const d of declared)
              if (!d[2] && !(d[1]! in params.parameters))
                problems.push(`${t.parameters}: ${d[1]} (required) is missing`);
          }
          if (exists(t.path)) for (const o of bicepOutputs(t.path)) known.add(o);
        }
      }
      if (action.uses === 'teamsApp/zipAppPackage' || action.uses === 'teamsApp/validateManifest') {
        const manifestPath = String(args.manifestPath);
        const dir = path.dirname(manifestPath);
        const manifest = read(manifestPath);
        use(`${where} ${manifestPath}`, manifest);
        const localized = (JSON.parse(manifest).localizationInfo?.additionalLanguages ??
          []) as Array<{ file: string }>;
        for (const { file } of localized)
          use(`${where} ${dir}/${file}`, read(path.join(dir, file)));
      }
      if (action.uses === 'cli/runNpmCommand') {
        const m = /^run\s+([\w:-]+)/.exec(String(args.args));
        if (m) {
          const name = m[1]!;
          if (!(name in scripts) && !(name in ARTEFACTS))
            problems.push(`${where}: no npm script ${name}`);
          for (const f of ARTEFACTS[name] ?? []) made.add(f);
        }
      }
      if (action.uses === 'script') {
        const run = String(args.run);
        for (const m of run.matchAll(/::set-teamsfx-env (\w+)=/g)) known.add(m[1]!);
        for (const m of run.matchAll(/unzip\s+(?:-\w+\s+)*(\S+)\s+-d\s+(\S+)/g)) {
          if (!exists(m[1]!)) problems.push(`${where}: ${m[1]} does not exist`);
          made.add(norm(m[2]!));
        }
      }
      for (const [key, value] of files) if (WRITES.includes(key)) made.add(norm(fill(value)));
      for (const name of Object.values(action.writeToEnvironmentFile ?? {})) known.add(name);
    });
  }
  return [...new Set(problems)];
}

describe('Agents Toolkit project (m365agents*.yml)', () => {
  it('m365agents.yml: provision, deploy and publish read only files and variables that exist by then', () => {
    assert.deepEqual(check('m365agents.yml', 'env/.env.dev'), []);
    const doc = parse(read('m365agents.yml')) as Record<string, Action[]>;
    assert.deepEqual(
      LIFECYCLE.map((s) => (doc[s]?.length ? s : undefined)),
      [...LIFECYCLE],
    );
    assert.ok(doc.deploy!.some((a) => a.uses === 'azureAppService/zipDeploy'));
    assert.ok(doc.publish!.some((a) => a.uses === 'teamsApp/publishAppPackage'));
  });

  it('m365agents.local.yml: registers a local bot and writes the .env the server reads', () => {
    assert.deepEqual(check('m365agents.local.yml', 'env/.env.local'), []);
    const doc = parse(read('m365agents.local.yml')) as Record<string, Action[]>;
    const envFile = doc.deploy!.find((a) => a.uses === 'file/createOrUpdateEnvironmentFile');
    assert.ok(envFile);
    // The names the server's configuration reads (README, Configuration).
    const keys = Object.keys((envFile.with!.envs ?? {}) as object);
    for (const k of ['MicrosoftAppId', 'MicrosoftAppPassword', 'MicrosoftAppType'])
      assert.ok(keys.includes(k), k);
  });

  it('the checker itself catches a missing file and an unknown variable', () => {
    fs.mkdirSync(path.join(ROOT, 'out'), { recursive: true });
    const dir = fs.mkdtempSync(path.join(ROOT, 'out', 'toolkit-'));
    try {
      const rel = path.relative(ROOT, dir);
      fs.writeFileSync(
        path.join(dir, 'bad.yml'),
        [
          'version: v1.11',
          'environmentFolderPath: ./env',
          'provision:',
          '  - uses: teamsApp/validateAppPackage',
          '    with: { appPackagePath: ./nowhere.zip }',
          '  - uses: botFramework/create',
          '    with: { botId: "${{NOBODY_SET_THIS}}" }',
        ].join('\n'),
      );
      const problems = check(`${rel}/bad.yml`, 'env/.env.dev');
      assert.equal(problems.length, 2, problems.join('\n'));
      assert.match(problems[0]!, /nowhere\.zip does not exist/);
      assert.match(problems[1]!, /NOBODY_SET_THIS/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('env templates hold no secrets: SECRET_ values live in the uncommitted .user files', () => {
    for (const file of ['env/.env.dev', 'env/.env.local'])
      for (const [k, v] of envTemplate(file))
        assert.ok(!k.startsWith('SECRET_') || v === '', `${file}: ${k}`);
  });
});

/**
 * The template as text (no Bicep compiler here): its resources, variables, secure parameters,
 * app settings and outputs, enough to check where secrets go.
 */
function bicepModel(file: string) {
  // Without comments (a `//` after a space or at a line's start: URLs keep theirs).
  const text = read(file).replace(/(^|[ \t])\/\/.*$/gm, '$1');
  const resources = [
    ...text.matchAll(/^resource (\w+) '([^'@]+)@[^']+' = (?:if \([^)]*\) )?\{\n([\s\S]*?)^\}/gm),
  ].map((m) => ({ name: m[1]!, type: m[2]!, body: m[3]! }));
  const vars = new Map<string, string>();
  for (const m of text.matchAll(/^var (\w+) = /gm)) {
    // To the end of the line, or of the brackets opened on it.
    let depth = 0;
    let end = m.index + m[0].length;
    for (; end < text.length; end++) {
      const c = text[end]!;
      if ('([{'.includes(c)) depth++;
      else if (')]}'.includes(c)) depth--;
      else if (c === '\n' && depth === 0) break;
    }
    vars.set(m[1]!, text.slice(m.index + m[0].length, end).trim());
  }
  const secureParams = [...text.matchAll(/^@secure\(\)\s*\nparam (\w+) /gm)].map((m) => m[1]!);
  const outputs = [...text.matchAll(/^output (\w+) \w+ = (.+)$/gm)].map((m) => ({
    name: m[1]!,
    value: m[2]!,
  }));
  const site = resources.find((r) => r.type === 'Microsoft.Web/sites');
  assert.ok(site, 'an App Service site');
  const settingLines = (/appSettings: \[\n([\s\S]*?)\n\s*\]/.exec(site.body)?.[1] ?? '')
    .split('\n')
    .filter((l) => l.trim());
  const settings = new Map(
    [...site.body.matchAll(/^\s*\{ name: '(\w+)', value: (.+) \}$/gm)].map(
      (m) => [m[1]!, m[2]!] as const,
    ),
  );
  /** A value with the variables it names written out (one level, as the template uses them). */
  const expand = (value: string) =>
    value.replace(/\b[A-Za-z]\w*\b/g, (word) => {
      const v = vars.get(word);
      return v === undefined ? word : `(${v})`;
    });
  return { text, resources, vars, secureParams, outputs, site, settingLines, settings, expand };
}

describe('infra/main.bicep', () => {
  const bicep = bicepModel('infra/main.bicep');
  const KV_REFERENCE = /^\(?'@Microsoft\.KeyVault\(SecretUri=\$\{[^']+\}\)'\)?$/;

  it('runs the app on Node 24 LTS', () => {
    assert.match(bicep.site.body, /linuxFxVersion: 'NODE\|24-lts'/);
    assert.doesNotMatch(bicep.text, /NODE\|(1\d|2[0-3])-lts/);
  });

  it('gives the jobs secret, the link secret and the bot password as Key Vault references only', () => {
    // One setting a line, so that every one is read here.
    assert.ok(bicep.settingLines.length >= 10);
    for (const line of bicep.settingLines)
      assert.match(line, /^\s*\{ name: '\w+', value: .+ \}$/, 'an app setting on one line');
    for (const name of ['HYTE_JOBS_SECRET', 'HYTE_LINK_SECRET']) {
      const value = bicep.settings.get(name);
      assert.ok(value, `${name} is an app setting`);
      assert.match(bicep.expand(value), KV_REFERENCE, name);
    }
    // Multi-tenant: a reference; with the managed identity: nothing.
    const password = bicep.settings.get('MicrosoftAppPassword');
    assert.ok(password, 'MicrosoftAppPassword is an app setting');
    const branches = /^multiTenant \? (.+) : ''$/.exec(password);
    assert.ok(branches, password);
    assert.match(bicep.expand(branches[1]!), KV_REFERENCE);
    // Each reference names a secret that the template creates in its own vault.
    const secrets = bicep.resources.filter((r) => r.type === 'Microsoft.KeyVault/vaults/secrets');
    const uris = [...bicep.settings.values()]
      .map((v) => /SecretUri=(.+?)\)'/.exec(bicep.expand(v))?.[1])
      .filter((u) => u !== undefined);
    assert.equal(uris.length, 3, uris.join('\n'));
    for (const uri of uris) {
      const direct = /^\$\{(\w+)\.properties\.secretUri\}$/.exec(uri);
      // Or the vault's URI and the name of a secret that exists only in some set-ups.
      const built = /^\$\{vault\.properties\.vaultUri\}secrets\/\$\{(\w+)\}$/.exec(uri);
      const named = (r: { body: string }) =>
        new RegExp(`^\\s*name: ${built?.[1]}$`, 'm').test(r.body);
      const secret = direct
        ? secrets.find((r) => r.name === direct[1])
        : built && secrets.find(named);
      assert.ok(secret, `${uri} names a secret of the template`);
      assert.match(secret.body, /^\s*parent: vault$/m);
    }
  });

  it('puts secure parameters into Key Vault secrets and nowhere else, and outputs no secret', () => {
    assert.deepEqual(bicep.secureParams.sort(), ['botAppPassword', 'jobsSecret', 'linkSecret']);
    for (const param of bicep.secureParams) {
      const uses = bicep.resources.filter((r) => new RegExp(`\\b${param}\\b`).test(r.body));
      assert.ok(uses.length > 0, `${param} is used`);
      for (const r of uses) {
        assert.equal(r.type, 'Microsoft.KeyVault/vaults/secrets', `${param} in ${r.name}`);
        assert.match(r.body, new RegExp(`^\\s*value: ${param}$`, 'm'));
      }
      for (const [name, value] of bicep.vars)
        assert.doesNotMatch(value, new RegExp(`\\b${param}\\b`), `var ${name}`);
    }
    const secretResources = bicep.resources
      .filter((r) => r.type === 'Microsoft.KeyVault/vaults/secrets')
      .map((r) => r.name);
    assert.equal(secretResources.length, 3);
    for (const o of bicep.outputs) {
      const value = bicep.expand(o.value);
      for (const name of [...bicep.secureParams, ...secretResources])
        assert.doesNotMatch(value, new RegExp(`\\b${name}\\b`), `output ${o.name}`);
      assert.doesNotMatch(value, /\blist\w*\(|ConnectionString|secretUri/i, `output ${o.name}`);
    }
  });

  it('lets only the app’s identity read the vault, by RBAC, and resolves references as it', () => {
    const vault = bicep.resources.find((r) => r.type === 'Microsoft.KeyVault/vaults');
    assert.ok(vault);
    assert.match(vault.body, /enableRbacAuthorization: true/);
    assert.doesNotMatch(vault.body, /accessPolicies/);
    const grants = bicep.resources.filter(
      (r) =>
        r.type === 'Microsoft.Authorization/roleAssignments' &&
        new RegExp(`scope: ${vault.name}$`, 'm').test(r.body),
    );
    assert.equal(grants.length, 1);
    assert.match(grants[0]!.body, /principalId: identity\.properties\.principalId/);
    // Key Vault Secrets User
    assert.match(bicep.expand(grants[0]!.body), /4633458b-17de-408a-b874-0445c86b69e6/);
    assert.match(bicep.site.body, /keyVaultReferenceIdentity: identity\.id$/m);
    assert.match(bicep.site.body, /dependsOn: \[[^\]]*\bsecretsAccess\b/);
  });
});
