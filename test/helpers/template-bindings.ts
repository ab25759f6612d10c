import * as ACData from 'adaptivecards-templating';

/** A parsed `${…}` expression of a prepared template (adaptive-expressions). */
interface Expression {
  references(): string[];
  toString(): string;
}
const isExpression = (x: unknown): x is Expression =>
  !!x && typeof (x as Expression).references === 'function';

/** One template expansion: the template as the library prepared it, and the data. */
export interface Expansion {
  payload: unknown;
  root: unknown;
}

/**
 * Records every template expansion while `run` goes, by wrapping the library's own
 * `Template.prototype.expand` (the expansion itself is unchanged).
 */
export function recordExpansions(run: () => void): Expansion[] {
  const proto = ACData.Template.prototype as unknown as {
    expand(this: { _preparedPayload: unknown }, context: { $root: unknown }): unknown;
  };
  const original = proto.expand;
  const calls: Expansion[] = [];
  proto.expand = function (context) {
    calls.push({ payload: this._preparedPayload, root: context.$root });
    return original.call(this, context);
  };
  try {
    run();
  } finally {
    proto.expand = original;
  }
  return calls;
}

/** The value at a dotted path, or undefined when any step is missing. */
function resolve(scope: unknown, path: string): unknown {
  let node = scope;
  for (const part of path.split('.')) {
    if (!node || typeof node !== 'object' || !(part in node)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

function lookup(scope: unknown, root: unknown, ref: string): unknown {
  if (ref === '$index' || ref === '$data') return true;
  if (ref.startsWith('$root.')) return resolve(root, ref.slice(6));
  if (ref.startsWith('$data.')) return resolve(scope, ref.slice(6));
  return resolve(scope, ref);
}

/**
 * Every binding of an expansion that names a value its data does not have, as
 * `where: path`. Repeated parts (`$data`) are checked against each of their items.
 */
export function missingBindings({ payload, root }: Expansion): string[] {
  const missing: string[] = [];
  const walk = (node: unknown, scope: unknown, where: string): void => {
    if (isExpression(node)) {
      for (const ref of node.references()) {
        if (lookup(scope, root, ref) === undefined) missing.push(`${where}: ${ref}`);
      }
      return;
    }
    if (Array.isArray(node)) return node.forEach((n, i) => walk(n, scope, `${where}[${i}]`));
    if (!node || typeof node !== 'object') return;
    const { $data, ...rest } = node as Record<string, unknown>;
    if ($data === undefined) {
      for (const [k, v] of Object.entries(rest)) walk(v, scope, `${where}.${k}`);
      return;
    }
    walk($data, scope, `${where}.$data`);
    const ref = isExpression($data) ? $data.references()[0] : undefined;
    const items = ref ? lookup(scope, root, ref) : $data;
    for (const [i, item] of (Array.isArray(items) ? items : [items]).entries()) {
      walk(rest, item, `${where}[${i}]`);
    }
  };
  walk(payload, root, '$');
  return missing;
}
