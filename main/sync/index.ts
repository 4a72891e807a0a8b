/** Sharing protocols across sites on git (issue 15): remotes, publish, fetch, status. No Electron here. */
export { fetchRemote, checkSignoffs, type FetchOptions, type FetchResult, type FetchedProtocol, type FetchedVersion, type SignoffCheck } from './fetch';
export { mirrorFor, publish, type PublishOptions, type PublishResult } from './publish';
export { POLICY_AUDIENCE, publishableText } from './policy';
export { addRemote, AUDIENCE_WORDS, getRemote, isRemoteAudience, listRemotes, REMOTE_AUDIENCES, type Remote, type RemoteAudience, type RemoteInput } from './remotes';
export { ensureBareRepo, RemoteMovedError, SyncError, type Progress } from './repo';
export { basesMovedOn, syncStatus, type BaseMovedOn, type SyncStatus } from './status';
export { locateRemote, SSH_UNSUPPORTED } from './transport';
