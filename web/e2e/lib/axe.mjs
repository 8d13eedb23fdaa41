// axe on the state a page shows now: 0 WCAG 2.2 AA violations (the rules axe.test.mjs runs).

import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';

export async function assertAxe(page, name) {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .options({ rules: { 'target-size': { enabled: true } } })
    .analyze();
  const found = result.violations.map((v) => `${name}: ${v.id} ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  assert.deepEqual(found, [], found.join('\n'));
}
