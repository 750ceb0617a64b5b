const gc = (globalThis as any).gc as () => void;
const heap = () => { gc(); gc(); return process.memoryUsage().heapUsed; };
const mods = process.argv.slice(2);
let prev = heap();
for (const m of mods) {
  await import(m.startsWith('.') ? new URL(m, 'file:///work/wt/mem/x').href : m);
  const h = heap();
  console.log(((h - prev) / 1024).toFixed(0).padStart(7), 'KB', m);
  prev = h;
}
