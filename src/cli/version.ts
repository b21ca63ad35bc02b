import { gitCommit, gitTreeState } from '../domain/transport/Build'
/** The client's version (Helm v2's last line, whose protocol we speak). */
export const clientVersion = { semVer: 'v2.17.0', gitCommit, gitTreeState } as const
