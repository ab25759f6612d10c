import assert from 'node:assert/strict';
import path from 'node:path';
import { cycles, importGraph, sourceFiles } from './source-graph';

describe('the source tree', () => {
  const files = sourceFiles();

  it('has no import cycle (type-only imports count)', () => {
    const found = cycles(importGraph(files));
    assert.deepEqual(found, [], found.map((c) => c.join(' → ')).join('\n'));
  });

  it('holds at most 20 files in any folder', () => {
    const perFolder = new Map<string, number>();
    for (const f of files)
      perFolder.set(path.dirname(f), (perFolder.get(path.dirname(f)) ?? 0) + 1);
    const big = [...perFolder].filter(([, n]) => n > 20);
    assert.deepEqual(big, []);
  });

  it('uses no file name twice for different things (index.ts aside)', () => {
    const byName = new Map<string, string[]>();
    for (const f of files) {
      const name = path.basename(f);
      if (name !== 'index.ts') byName.set(name, [...(byName.get(name) ?? []), f]);
    }
    assert.deepEqual(
      [...byName.values()].filter((places) => places.length > 1),
      [],
    );
  });

  it('reaches each feature from outside only through its index.ts', () => {
    const features = [
      'questionnaire',
      'coordinator',
      'workshop',
      'delivery',
      'rounds',
      'setup',
      'record',
    ];
    const graph = importGraph(files);
    const deep: string[] = [];
    for (const [from, targets] of graph) {
      for (const to of targets) {
        const feature = features.find((f) => to.startsWith(`bot/${f}/`));
        if (feature && !from.startsWith(`bot/${feature}/`) && to !== `bot/${feature}/index.ts`)
          deep.push(`${from} → ${to}`);
      }
    }
    assert.deepEqual(deep, []);
  });
});
