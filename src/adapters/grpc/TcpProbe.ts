import { createConnection } from 'node:net'

/** Whether something accepts a TCP connection at `host:port` within `ms` (a Tiller listening there). */
export const probe = (address: string, ms: number): Promise<boolean> =>
  new Promise((resolve) => {
    const i = address.lastIndexOf(':')
    const s = createConnection({
      host: address.slice(0, i).replace(/^\[|\]$/g, ''),
      port: Number(address.slice(i + 1)),
    })
    const done = (ok: boolean) => {
      s.destroy()
      resolve(ok)
    }
    s.setTimeout(ms, () => done(false))
    s.once('connect', () => done(true))
    s.once('error', () => done(false))
  })
