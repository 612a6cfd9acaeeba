import { describe, expect, it } from 'vitest';
import i18n from 'i18next';
import { ApiError, describeError, normaliseFieldErrors, normaliseFieldPath } from './problem';

const t = i18n.t.bind(i18n);

describe('normaliseFieldPath', () => {
  it('drops the handler parameter prefix and camel-cases each segment', () => {
    expect(normaliseFieldPath('input.title')).toBe('title');
    expect(normaliseFieldPath('Input.Trl')).toBe('trl');
    expect(normaliseFieldPath('need.Indicators[0].Name')).toBe('indicators[0].name');
    expect(normaliseFieldPath('indicators[1].target')).toBe('indicators[1].target');
    expect(normaliseFieldPath('Email')).toBe('email');
  });
  it('merges messages of keys that normalise alike', () => {
    expect(normaliseFieldErrors({ 'input.title': ['a'], Title: ['b'] })).toEqual({ title: ['a', 'b'] });
    expect(normaliseFieldErrors(undefined)).toEqual({});
  });
});

describe('describeError', () => {
  it('uses the ProblemDetails detail when there is one', () => {
    const e = new ApiError(401, { title: 'Unauthorized', status: 401, detail: 'Email or password is incorrect.', code: 'invalid_credentials' });
    expect(describeError(e, t)).toBe('Email or password is incorrect.');
  });
  it('explains a stale version in the UI language', async () => {
    const e = new ApiError(409, { title: 'Conflict', code: 'stale_version', detail: 'The record was changed…' });
    expect(e.isStale).toBe(true);
    expect(describeError(e, t)).toContain('已被他人修改');
    await i18n.changeLanguage('en');
    expect(describeError(e, t)).toContain('Someone else changed this record');
  });
  it('summarises validation problems and exposes field errors', () => {
    const e = new ApiError(400, { title: 'Validation failed', errors: { 'input.title': ["'Title' must not be empty."] } });
    expect(describeError(e, t)).toBe('请修改标出的字段。');
    expect(e.fieldErrors).toEqual({ title: ["'Title' must not be empty."] });
  });
  it('says faults in the UI language rather than the server\'s generic text', () => {
    const e = new ApiError(500, { status: 500, title: 'Internal Server Error', detail: 'An unexpected error occurred. It has been logged.' });
    expect(describeError(e, t)).toBe('服务器处理请求失败（500）。');
  });
  it('never returns an empty message', () => {
    expect(describeError(new ApiError(500, { status: 500 }), t)).toBe('服务器处理请求失败（500）。');
    expect(describeError(new ApiError(403, {}), t)).toBe('您没有执行此操作的权限。');
    expect(describeError(new ApiError(0, { title: 'Network error' }), t)).toBe('无法连接服务器，请检查网络后重试。');
    expect(describeError('weird', t)).toBe('操作未能完成。');
  });
});
