import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { MAX_CARD_BYTES, cardBytes, type Card } from '../../cards';

// Microsoft's Adaptive Cards 1.5 JSON Schema (from microsoft/AdaptiveCards, MIT), vendored so
// the card tests run offline on any machine; see test/schemas/README.md.
const SCHEMA_PATH = path.resolve(__dirname, '../schemas/adaptive-card-1.5.json');

let validateSchema: ReturnType<Ajv['compile']> | undefined;
function schemaValidator() {
  if (!validateSchema) {
    const schema = JSON.parse(fs.readFileSync(SCHEMA_PATH, 'utf8'));
    schema.$id = schema.id;
    delete schema.id;
    const ajv = new Ajv({ strict: false, allErrors: true });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
    addFormats(ajv);
    validateSchema = ajv.compile(schema);
  }
  return validateSchema;
}

/** Problems Microsoft's `adaptivecards` renderer reports when parsing the card as v1.5. */
function rendererProblems(card: Card): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const AC = require('adaptivecards/dist/adaptivecards.js');
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const problems: string[] = [];
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);
  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i);
    problems.push(`parse: ${e.message}`);
  }
  for (const e of parsed.validateProperties().validationEvents) {
    problems.push(`validate: ${e.message}`);
  }
  return problems;
}

/** Walks every action, including fallbacks the JSON schema does not check. */
function actionProblems(node: unknown, where = 'card'): string[] {
  if (Array.isArray(node)) return node.flatMap((n, i) => actionProblems(n, `${where}[${i}]`));
  if (!node || typeof node !== 'object') return [];
  const o = node as Record<string, unknown>;
  const problems: string[] = [];
  if (o.type === 'Action.Execute') {
    const fb = o.fallback as Record<string, unknown> | undefined;
    const data = (fb?.data ?? {}) as Record<string, unknown>;
    if (fb?.type !== 'Action.Submit')
      problems.push(`${where}: Action.Execute without Action.Submit fallback`);
    else if (data.verb !== o.verb) problems.push(`${where}: fallback data.verb differs from verb`);
  }
  if (
    o.type === 'Action.Submit' &&
    where.endsWith('fallback') === false &&
    !(o.data as Record<string, unknown>)?.verb
  ) {
    problems.push(`${where}: Action.Submit without a verb`);
  }
  for (const [k, v] of Object.entries(o)) problems.push(...actionProblems(v, `${where}.${k}`));
  return problems;
}

/**
 * Teams' people picker is an `Input.ChoiceSet` with a `choices.data` of type `Data.Query`
 * (dataset `graph.microsoft.com/users`), which the Adaptive Cards 1.5 schema predates (1.6
 * has it). Each one is checked here for that shape, and the card is checked against the 1.5
 * schema without it.
 */
function withoutPeoplePickers(node: unknown, problems: string[], where = 'card'): unknown {
  if (Array.isArray(node))
    return node.map((n, i) => withoutPeoplePickers(n, problems, `${where}[${i}]`));
  if (!node || typeof node !== 'object') return node;
  const { 'choices.data': query, ...rest } = node as Record<string, unknown>;
  if (query !== undefined) {
    const q = query as Record<string, unknown>;
    if (rest.type !== 'Input.ChoiceSet')
      problems.push(`${where}: choices.data outside Input.ChoiceSet`);
    if (q.type !== 'Data.Query' || q.dataset !== 'graph.microsoft.com/users')
      problems.push(`${where}: choices.data is not a Data.Query of graph.microsoft.com/users`);
    if (Object.keys(q).some((k) => !['type', 'dataset', 'count', 'skip'].includes(k)))
      problems.push(`${where}: unknown Data.Query property`);
  }
  // Its choices come from the query: the card itself may list none.
  const choices =
    query !== undefined && Array.isArray(rest.choices) && rest.choices.length === 0
      ? { choices: [{ title: '(directory)', value: '(directory)' }] }
      : {};
  return Object.fromEntries(
    Object.entries({ ...rest, ...choices }).map(([k, v]) => [
      k,
      withoutPeoplePickers(v, problems, `${where}.${k}`),
    ]),
  );
}

/** Inputs without a label (screen readers read the label; placeholders vanish). */
function unlabelled(node: unknown, where = 'card'): string[] {
  if (Array.isArray(node)) return node.flatMap((n, i) => unlabelled(n, `${where}[${i}]`));
  if (!node || typeof node !== 'object') return [];
  const o = node as Record<string, unknown>;
  const own =
    typeof o.type === 'string' &&
    o.type.startsWith('Input.') &&
    !(typeof o.label === 'string' && o.label.trim())
      ? [`${where} (${String(o.id)})`]
      : [];
  return [...own, ...Object.entries(o).flatMap(([k, v]) => unlabelled(v, `${where}.${k}`))];
}

/** Asserts a card is valid three ways (JSON schema, Microsoft's renderer, size) and usable. */
export function assertValidCard(card: Card, label = 'card'): void {
  const validate = schemaValidator();
  const pickerProblems: string[] = [];
  const plain = withoutPeoplePickers(card, pickerProblems) as Card;
  assert.deepEqual(pickerProblems, [], `${label}: people picker`);
  const ok = validate(plain);
  assert.ok(
    ok,
    `${label} violates the Adaptive Cards 1.5 schema: ${JSON.stringify(validate.errors?.slice(0, 5))}`,
  );
  assert.deepEqual(rendererProblems(plain), [], `${label}: renderer reported problems`);
  assert.deepEqual(actionProblems(card), [], `${label}: action problems`);
  assert.deepEqual(unlabelled(card), [], `${label}: inputs without a label`);
  assert.equal(card.version, '1.5', `${label}: version`);
  assert.ok(
    typeof card.fallbackText === 'string' && card.fallbackText.length > 0,
    `${label}: fallbackText`,
  );
  const bytes = cardBytes(card);
  assert.ok(bytes <= MAX_CARD_BYTES, `${label} is ${bytes} bytes, over ${MAX_CARD_BYTES}`);
}

/** Every TextBlock/TextRun text in the card, for content assertions. */
export function cardTexts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(cardTexts);
  if (!node || typeof node !== 'object') return [];
  const o = node as Record<string, unknown>;
  const own =
    (o.type === 'TextBlock' || o.type === 'TextRun') && typeof o.text === 'string' ? [o.text] : [];
  return [...own, ...Object.values(o).flatMap(cardTexts)];
}
