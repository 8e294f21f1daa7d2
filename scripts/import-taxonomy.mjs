// Converts the 3-level category taxonomy (level1<TAB>level2<TAB>level3, with a header row)
// into server/src/taxonomy/categoryTree.json, the tree a new installation is seeded with.
// Usage: node scripts/import-taxonomy.mjs [path/to/taxonomy.tsv]
import { readFileSync, writeFileSync } from 'node:fs';

const src = process.argv[2] ?? '../shared/datasets/citizen-messages/taxonomy.tsv';
const tree = {};
for (const line of readFileSync(src, 'utf8').split(/\r?\n/).slice(1)) {
  const [l1, l2, l3] = line.split('\t').map((s) => s?.trim());
  if (!l1) continue;
  tree[l1] ??= {};
  if (!l2) continue;
  tree[l1][l2] ??= [];
  if (l3 && !tree[l1][l2].includes(l3)) tree[l1][l2].push(l3);
}
writeFileSync('server/src/taxonomy/categoryTree.json', JSON.stringify(tree, null, 1) + '\n');
console.log(`wrote ${Object.keys(tree).length} top-level categories`);
