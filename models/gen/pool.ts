/** Run `work` over `items` with at most `jobs` in flight, keeping the items' order in the results. */
export async function pool<T, R>(items: T[], jobs: number, work: (x: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => { while (next < items.length) { const i = next++; out[i] = await work(items[i]); } };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, items.length)) }, worker));
  return out;
}
