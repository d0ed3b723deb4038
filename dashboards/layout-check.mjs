// Lays each committed dashboard out as Grafana does on load, with react-grid-layout (the library
// Grafana's DashboardGrid uses: 24 columns, vertical compaction, bounds corrected first), and fails
// when any panel would move, overlap another or pass column 24. Usage: node layout-check.mjs [files]
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { compact, correctBounds, collides } = require('react-grid-layout/build/utils.js');
const here = dirname(fileURLToPath(import.meta.url));
const files = process.argv.length > 2
  ? process.argv.slice(2)
  : readdirSync(here).filter((f) => f.endsWith('.json') && !f.startsWith('package')).map((f) => join(here, f));

let problems = 0;
for (const file of files) {
  const dashboard = JSON.parse(readFileSync(file, 'utf8'));
  // Grafana's grid holds the top-level panels; a collapsed row carries its own inside.
  const layout = (dashboard.panels ?? []).map((p, i) => ({ i: String(p.id ?? i), ...p.gridPos, title: p.title ?? p.type }));
  const report = (text) => { problems++; console.error(`${file}: ${text}`); };

  for (const item of layout) {
    if (item.x < 0 || item.w < 1 || item.x + item.w > 24) report(`"${item.title}" spans columns ${item.x} to ${item.x + item.w}, past the 24-column grid`);
  }

  for (let a = 0; a < layout.length; a++) {
    for (let b = a + 1; b < layout.length; b++) {
      if (collides(layout[a], layout[b])) report(`"${layout[a].title}" and "${layout[b].title}" overlap`);
    }
  }

  const placed = compact(correctBounds(layout.map((l) => ({ ...l })), { cols: 24 }), 'vertical', 24);
  for (const item of placed) {
    const original = layout.find((l) => l.i === item.i);
    if (original.x !== item.x || original.y !== item.y) {
      report(`"${original.title}" moves from (x=${original.x}, y=${original.y}) to (x=${item.x}, y=${item.y}) on load`);
    }
  }

  console.log(`${file}: ${layout.length} panels, bottom at row ${Math.max(0, ...layout.map((l) => l.y + l.h))}`);
}

if (problems > 0) {
  console.error(`${problems} layout problem(s)`);
  process.exit(1);
}
