import { data, download, http } from './client';
import type { components } from './schema';

// From unmet demand to guidelines (issue 17): the bureau's clusters of unmet needs and the draft guideline topics.

type S = components['schemas'];
export type DemandCluster = S['DemandCluster'];
export type GuidelineTopic = S['GuidelineTopicView'];
export type GuidelineTopicStatus = S['GuidelineTopicStatus'];

export const guidelines = {
  clusters: (minAgeDays: number, threshold: number, signal?: AbortSignal) =>
    data(http.GET('/api/guidelines/unmet-clusters', { params: { query: { minAgeDays, threshold } }, signal })),
  topics: (year: number | undefined, signal?: AbortSignal) => data(http.GET('/api/guidelines/topics', { params: { query: { year } }, signal })),
  draft: (body: S['DraftGuidelineTopic']) => data(http.POST('/api/guidelines/topics', { body })),
  setStatus: (id: string, status: GuidelineTopicStatus, version: number) =>
    data(http.POST('/api/guidelines/topics/{id}/status', { params: { path: { id } }, body: { status, version } })),
  export: (year: number | undefined, format: 'xlsx' | 'pdf' | 'docx' = 'xlsx') =>
    download(http.GET('/api/guidelines/topics/export', { params: { query: { year, format } }, parseAs: 'blob' }), `guideline-topics.${format}`),
  /** A cluster as a draft open call of the bureau's (its needs waiting for screening). */
  draftCall: (needIds: string[], title: string | null) => data(http.POST('/api/guidelines/clusters/call', { body: { needIds, title } })),
};
