import assert from 'node:assert/strict';
import { routeTables } from '../../bot/app';
import type { CoordinatorService } from '../../bot/coordinator';
import type { QuestionnaireService } from '../../bot/questionnaire';
import type { RecordService } from '../../bot/record';
import type { SetupService } from '../../bot/setup';
import type { WorkshopService } from '../../bot/workshop';
import { ALL_VERBS, COMMAND_WORDS, type Command, type Verb } from '../../cards';

// Type-level checks in the manner of hono's tests: this file does not compile when a verb or
// command has no handler, or when two features claim the same one.
type Equal<X, Y> =
  (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? true : false;
type Expect<T extends true> = T;

type Q = QuestionnaireService;
type C = CoordinatorService;
type W = WorkshopService;
type S = SetupService;
type R = RecordService;
type VerbsOf<F extends { verbs: object }> = keyof F['verbs'];
type CommandsOf<F extends { commands: object }> = keyof F['commands'];
type AllVerbs = VerbsOf<Q> | VerbsOf<C> | VerbsOf<W> | VerbsOf<S> | VerbsOf<R>;
type AllCommands = CommandsOf<Q> | CommandsOf<C> | CommandsOf<W> | CommandsOf<S> | CommandsOf<R>;

export type RouteTablesAreComplete = [
  Expect<Equal<AllVerbs, Verb>>,
  Expect<Equal<AllCommands, Command>>,
  Expect<Equal<VerbsOf<Q> & VerbsOf<C>, never>>,
  Expect<Equal<VerbsOf<Q> & VerbsOf<W>, never>>,
  Expect<Equal<VerbsOf<C> & VerbsOf<W>, never>>,
  Expect<Equal<VerbsOf<S> & (VerbsOf<Q> | VerbsOf<C> | VerbsOf<W>), never>>,
  Expect<Equal<VerbsOf<R> & (VerbsOf<Q> | VerbsOf<C> | VerbsOf<W> | VerbsOf<S>), never>>,
  Expect<Equal<CommandsOf<Q> & CommandsOf<C>, never>>,
  Expect<Equal<CommandsOf<Q> & CommandsOf<W>, never>>,
  Expect<Equal<CommandsOf<C> & CommandsOf<W>, never>>,
  Expect<Equal<CommandsOf<S> & (CommandsOf<Q> | CommandsOf<C> | CommandsOf<W>), never>>,
  Expect<
    Equal<CommandsOf<R> & (CommandsOf<Q> | CommandsOf<C> | CommandsOf<W> | CommandsOf<S>), never>
  >,
];

describe('the verb and command tables', () => {
  it('give every verb and command the handler of the feature that owns it', () => {
    const handler = (name: string) => Object.assign(async () => undefined, { owner: name });
    const feature = (name: string, verbs: readonly string[], commands: readonly string[]) => ({
      verbs: Object.fromEntries(verbs.map((v) => [v, handler(name)])),
      commands: Object.fromEntries(commands.map((c) => [c, handler(name)])),
    });
    const verbs = [...ALL_VERBS];
    const commands = Object.keys(COMMAND_WORDS);
    const tables = routeTables({
      questionnaire: feature('q', verbs.slice(0, 5), commands.slice(0, 3)) as unknown as Q,
      coordinator: feature('c', verbs.slice(5, 10), commands.slice(3, 6)) as unknown as C,
      workshop: feature('w', verbs.slice(10, 16), commands.slice(6, 9)) as unknown as W,
      setup: feature('s', verbs.slice(16, -1), commands.slice(9)) as unknown as S,
      record: feature('r', verbs.slice(-1), []) as unknown as R,
    });
    const owners = (t: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(t).map(([k, h]) => [k, (h as { owner: string }).owner]));
    assert.deepEqual(Object.keys(tables.verbs).sort(), [...verbs].sort());
    assert.deepEqual(Object.keys(tables.commands).sort(), [...commands].sort());
    assert.equal(owners(tables.verbs)[verbs[0]!], 'q');
    assert.equal(owners(tables.verbs)[verbs[7]!], 'c');
    assert.equal(owners(tables.verbs)[verbs[16]!], 's');
    assert.equal(owners(tables.verbs)[verbs.at(-1)!], 'r');
    assert.equal(owners(tables.commands)[commands[7]!], 'w');
    assert.equal(owners(tables.commands)[commands[9]!], 's');
  });
});
