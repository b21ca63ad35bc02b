// The sandbox's durable state: snapshot + write-ahead journal, replayed after a crash (a torn last line is a
// write never acknowledged and is dropped; a torn line before others is corruption and refused), folded into
// a new snapshot when the journal grows.
import { appendFileSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { KObj } from '../../src/sandbox/engine/Json'
import { ObjectStore } from '../../src/sandbox/engine/Store'
import { loadState, openJournal } from '../../src/sandbox/Journal'

const cm = (name: string, value: string): KObj => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'default' },
  data: { value },
})
const names = (dir: string): string[] =>
  (loadState(dir)?.objects ?? []).map(([, o]) => `${o.metadata.name}=${(o.data as { value: string }).value}`).sort()

const journal = suite('sandbox journal')
journal('should replay acknowledged changes after a crash and drop a torn last line', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'journal-'))
  const store = new ObjectStore(100)
  const j = await openJournal(dir, () => store.snapshot())
  store.subscribe(j.record)
  store.put('/configmaps', cm('a', '1'))
  store.put('/configmaps', cm('b', '1'))
  store.put('/configmaps', cm('a', '2'))
  store.remove('/configmaps', 'default', 'b')
  await j.durable(store.rv)
  // a crash: no close, a half-written line after the acknowledged ones
  appendFileSync(join(dir, 'journal.jsonl'), '{"rv":99,"op":"put","res":"/configmaps","obj":{"meta')
  assert.equal(names(dir), ['a=2'])
  assert.is(loadState(dir)?.rv, store.rv)
  // a torn line in the middle is corruption
  writeFileSync(join(dir, 'journal.jsonl'), '{"rv":5,"op":"pu\n{"rv":6,"op":"del","res":"/configmaps","name":"a"}\n')
  assert.throws(() => loadState(dir), /journal\.jsonl: line 1 is corrupt/)
  await j.close()
})
journal('should refuse a snapshot or journal line of the wrong shape, naming the file, line and key', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'journal-'))
  const store = new ObjectStore(100)
  const j = await openJournal(dir, () => store.snapshot())
  store.subscribe(j.record)
  store.put('/configmaps', cm('a', '1'))
  await j.durable(store.rv)
  await j.close()
  const snap = readFileSync(join(dir, 'state.json'), 'utf8')
  // a complete last line of the wrong shape is no torn append: refused, not dropped
  writeFileSync(join(dir, 'journal.jsonl'), '{"rv":9,"op":"put","res":"/configmaps","obj":{"kind":"ConfigMap"}}\n')
  assert.throws(() => loadState(dir), /journal\.jsonl: line 1 is corrupt: key "obj\.apiVersion": expected string/)
  writeFileSync(join(dir, 'journal.jsonl'), '{"rv":9,"op":"move","res":"/configmaps","name":"a"}\n')
  assert.throws(
    () => loadState(dir),
    /journal\.jsonl: line 1 is corrupt: expected a journal entry \(op "put" or "del"\), got mapping/,
  )
  writeFileSync(join(dir, 'journal.jsonl'), '')
  const damaged = JSON.parse(snap) as { objects: [string, { metadata: { labels?: unknown } }][] }
  damaged.objects[0]![1].metadata.labels = { app: 7 }
  writeFileSync(join(dir, 'state.json'), JSON.stringify(damaged))
  assert.throws(
    () => loadState(dir),
    /state\.json is corrupt: key "objects\[0\]\[1\]\.metadata\.labels\.app": expected string, got number/,
  )
  writeFileSync(join(dir, 'state.json'), JSON.stringify({ rv: 'x', objects: [] }))
  assert.throws(() => loadState(dir), /state\.json is corrupt: key "rv"/)
  writeFileSync(join(dir, 'state.json'), snap)
  assert.equal(names(dir), ['a=1'])
})
journal('should fold a grown journal into the snapshot and keep every change', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'journal-'))
  const store = new ObjectStore(100)
  const j = await openJournal(dir, () => store.snapshot(), 4096)
  store.subscribe(j.record)
  for (let i = 0; i < 100; i++) {
    store.put('/configmaps', cm(`c${i}`, 'x'.repeat(100)))
    if (i % 10 === 9) await j.durable(store.rv)
  }
  await j.durable(store.rv)
  const size = statSync(join(dir, 'journal.jsonl')).size
  assert.ok(size < 4096 + 4096, `the journal was folded (${size} bytes)`)
  assert.is(names(dir).length, 100)
  await j.close()
  assert.is(readFileSync(join(dir, 'journal.jsonl'), 'utf8'), '')
  assert.ok(existsSync(join(dir, 'state.json')))
  assert.is(names(dir).length, 100)
})
journal.run()
