#!/usr/bin/env node
// Prints src/core's folder-to-folder imports and every file-level import circle in src/ and
// site/: the measure issue 16 names ("arrows", "circles"). Read-only; no dependencies.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const files = [];
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (name === 'node_modules') continue;
    if (statSync(p).isDirectory()) walk(p);
    else if (/\.(ts|tsx|js|mjs)$/.test(name) && !name.endsWith('.d.ts')) files.push(p);
  }
}
walk(join(root, 'src'));
walk(join(root, 'site'));

const IMPORT =
  /(?:import|export)\s+(?:type\s+)?(?:[^'"`;]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
function resolveSpec(from, spec) {
  if (!spec.startsWith('.')) return null;
  const base = resolve(dirname(from), spec.replace(/\.js$/, ''));
  for (const c of [
    base + '.ts',
    base + '.tsx',
    base + '.js',
    base + '.mjs',
    join(base, 'index.ts'),
  ])
    if (existsSync(c)) return c;
  return null;
}
const graph = new Map();
for (const f of files) {
  const text = readFileSync(f, 'utf8');
  const deps = new Set();
  for (const m of text.matchAll(IMPORT)) {
    const r = resolveSpec(f, m[1] ?? m[2]);
    if (r) deps.add(r);
  }
  graph.set(f, deps);
}
const rel = (p) => relative(root, p);
const core = join(root, 'src/core') + '/';
const folderOf = (p) =>
  p.startsWith(core) ? (rel(p).split('/').slice(2, -1)[0] ?? '(root)') : null;
const edges = new Map();
for (const [f, deps] of graph) {
  const a = folderOf(f);
  if (!a) continue;
  for (const d of deps) {
    const b = folderOf(d);
    if (!b || b === a) continue;
    const k = `${a} -> ${b}`;
    if (!edges.has(k)) edges.set(k, []);
    edges.get(k).push(`${rel(f)} -> ${rel(d)}`);
  }
}
const pairs = [...edges.keys()].filter((k) => {
  const [a, b] = k.split(' -> ');
  return edges.has(`${b} -> ${a}`) && a < b;
});
console.log(`core folder arrows: ${edges.size}; pairs importing each other: ${pairs.length}`);
for (const p of pairs) console.log(`  ${p.replace(' -> ', ' <-> ')}`);
if (process.argv.includes('--edges'))
  for (const [k, v] of [...edges].sort()) console.log(`${k}\n    ${v.join('\n    ')}`);

// Tarjan's strongly connected components: every component of more than one file is a circle.
let index = 0;
const stack = [];
const info = new Map();
const circles = [];
function strong(v) {
  info.set(v, { index, low: index, on: true });
  index++;
  stack.push(v);
  for (const w of graph.get(v) ?? []) {
    if (!graph.has(w)) continue;
    if (!info.has(w)) {
      strong(w);
      info.get(v).low = Math.min(info.get(v).low, info.get(w).low);
    } else if (info.get(w).on) info.get(v).low = Math.min(info.get(v).low, info.get(w).index);
  }
  if (info.get(v).low === info.get(v).index) {
    const comp = [];
    let w;
    do {
      w = stack.pop();
      info.get(w).on = false;
      comp.push(w);
    } while (w !== v);
    if (comp.length > 1) circles.push(comp.map(rel));
  }
}
for (const v of graph.keys()) if (!info.has(v)) strong(v);
console.log(`import circles: ${circles.length}`);
for (const c of circles) console.log(`  ${c.join(', ')}`);
process.exitCode = circles.length > 0 ? 1 : 0;
