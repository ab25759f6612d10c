import 'dotenv/config';
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { zipSync } from 'fflate';
import { pngSize } from './png';

/**
 * `npm run package`: fills the bot id and domain into manifest/, validates the result with
 * Microsoft's schema (offline, from @microsoft/app-manifest), checks the icon sizes, and
 * writes dist/hyte-bot.zip for uploading to Teams. Any problem stops it, naming the field.
 */
const ICONS = { 'color.png': 192, 'outline.png': 32 } as const;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Localization files against Microsoft's schema (shipped in @microsoft/app-manifest). Its
 * patterns are not valid in Unicode mode, which that package's own validator insists on, so
 * they are checked here with Ajv in non-Unicode mode.
 */
function validateLocalization(loc: unknown): string[] {
  const schemaPath =
    require.resolve('@microsoft/app-manifest/build/json-schemas/teams/v1.19/MicrosoftTeams.Localization.schema.json');
  const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
  delete schema.$schema;
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  if (validate(loc)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''}`);
}

export interface PackageInput {
  botId: string;
  domain: string;
}

export function packageInput(env: Record<string, string | undefined>): PackageInput {
  const problems: string[] = [];
  const botId = env.MicrosoftAppId ?? env.BOT_ID ?? '';
  if (!GUID.test(botId)) problems.push("MicrosoftAppId: the bot's app id (a GUID) is required");
  let domain = env.BOT_DOMAIN ?? '';
  if (!domain && env.HYTE_PUBLIC_URL) {
    try {
      domain = new URL(env.HYTE_PUBLIC_URL).host;
    } catch {
      problems.push('HYTE_PUBLIC_URL: not a URL');
    }
  }
  if (!/^[a-z0-9.-]+(:\d+)?$/i.test(domain))
    problems.push("BOT_DOMAIN or HYTE_PUBLIC_URL: the bot's public host name is required");
  if (problems.length) throw new Error(problems.join('\n'));
  return { botId, domain };
}

function fill(text: string, input: PackageInput): string {
  return text.replaceAll('${{BOT_ID}}', input.botId).replaceAll('${{BOT_DOMAIN}}', input.domain);
}

/** Builds the app package; throws with every problem found, each naming its field. */
export async function buildPackage(dir: string, input: PackageInput): Promise<Buffer> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { AppManifestUtils } = require('@microsoft/app-manifest/build/generated-types') as {
    AppManifestUtils: { validateAgainstSchema(m: unknown): Promise<string[]> };
  };
  const problems: string[] = [];
  const files: Array<{ name: string; data: Buffer }> = [];
  const manifest = JSON.parse(
    fill(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'), input),
  );
  for (const e of await AppManifestUtils.validateAgainstSchema(manifest))
    problems.push(`manifest.json: ${e}`);
  files.push({ name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest, null, 2)) });

  const languages = (manifest.localizationInfo?.additionalLanguages ?? []) as Array<{
    file: string;
  }>;
  for (const { file } of languages) {
    const loc = JSON.parse(fill(fs.readFileSync(path.join(dir, file), 'utf8'), input));
    for (const e of validateLocalization(loc)) problems.push(`${file}: ${e}`);
    files.push({ name: file, data: Buffer.from(JSON.stringify(loc, null, 2)) });
  }

  for (const [name, size] of Object.entries(ICONS)) {
    const png = fs.readFileSync(path.join(dir, name));
    const got = pngSize(png);
    if (!got)
      problems.push(`icons.${name === 'color.png' ? 'color' : 'outline'}: ${name} is not a PNG`);
    else if (got.width !== size || got.height !== size)
      problems.push(`icons: ${name} is ${got.width}×${got.height}, must be ${size}×${size}`);
    files.push({ name, data: png });
  }
  if (problems.length) throw new Error(problems.join('\n'));
  // A fixed time: the same manifest gives the same bytes.
  const mtime = new Date(Date.UTC(1980, 0, 1));
  return Buffer.from(
    zipSync(Object.fromEntries(files.map((f) => [f.name, [new Uint8Array(f.data), { mtime }]]))),
  );
}

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..');
  try {
    const zip = await buildPackage(path.join(root, 'manifest'), packageInput(process.env));
    fs.mkdirSync(path.join(root, 'dist'), { recursive: true });
    fs.writeFileSync(path.join(root, 'dist', 'hyte-bot.zip'), zip);
    console.log(
      `dist/hyte-bot.zip (${zip.length} bytes): manifest valid, icons ${Object.keys(ICONS).join(', ')}`,
    );
  } catch (e) {
    console.error(`package failed:\n${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  }
}

if (require.main === module) void main();
