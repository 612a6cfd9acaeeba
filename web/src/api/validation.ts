import { data, http } from './client';
import type { components } from './schema';

// Concept validation and pilot bases (issue 17): the centres directory, applications and the bureau's pipeline.

type S = components['schemas'];
export type ValidationCentre = S['ValidationCentreView'];
export type ValidationCentreInput = S['ValidationCentreInput'];
export type ValidationApplication = S['ValidationApplicationView'];
export type ValidationCentreKind = S['ValidationCentreKind'];
export type TechnicalField = S['TechnicalField'];

export const CENTRE_KINDS: ValidationCentreKind[] = ['ConceptValidationCentre', 'PilotBase'];

const byId = (id: string) => ({ params: { path: { id } } });

export const validation = {
  centres: (query: { field?: TechnicalField; kind?: ValidationCentreKind }, signal?: AbortSignal) =>
    data(http.GET('/api/validation/centres', { params: { query }, signal })),
  centre: (id: string, signal?: AbortSignal) => data(http.GET('/api/validation/centres/{id}', { ...byId(id), signal })),
  registerCentre: (body: ValidationCentreInput) => data(http.POST('/api/validation/centres', { body })),
  reviseCentre: (id: string, centre: ValidationCentreInput, version: number) =>
    data(http.PUT('/api/validation/centres/{id}', { ...byId(id), body: { centre, version } })),
  apply: (centreId: string, achievementId: string, plan: string) =>
    data(http.POST('/api/validation/applications', { body: { centreId, achievementId, plan } })),
  applications: (query: { centreId?: string }, signal?: AbortSignal) =>
    data(http.GET('/api/validation/applications', { params: { query }, signal })),
  accept: (id: string, version: number, scheduledStart: string, scheduledEnd: string) =>
    data(http.POST('/api/validation/applications/{id}/accept', { ...byId(id), body: { version, scheduledStart, scheduledEnd } })),
  decline: (id: string, version: number, reason: string) =>
    data(http.POST('/api/validation/applications/{id}/decline', { ...byId(id), body: { version, reason } })),
  milestone: (id: string, version: number, title: string, date: string, note: string | null) =>
    data(http.POST('/api/validation/applications/{id}/milestones', { ...byId(id), body: { version, title, date, note } })),
  complete: (id: string, version: number, trlAfter: number, completedOn: string, reportText: string, reportUrl: string | null) =>
    data(http.POST('/api/validation/applications/{id}/complete', { ...byId(id), body: { version, trlAfter, completedOn, reportText, reportUrl } })),
  pipeline: (signal?: AbortSignal) => data(http.GET('/api/validation/pipeline', { signal })),
  suggestion: (proposalId: string, signal?: AbortSignal) =>
    data(http.GET('/api/validation/suggestions', { params: { query: { proposalId } }, signal })),
};
