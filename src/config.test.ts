import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  it('has working defaults and is frozen', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      HOST: '127.0.0.1',
      DATA_DIR: './data',
      JOBS: true,
      TRUST_PROXY: false,
    });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('stops start-up with a message naming each wrong value', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: '70000', DATABASE_URL: 'mysql://x' })).toThrow(
      /PORT="70000".*\n.*DATABASE_URL="mysql:\/\/x": must start with postgres/,
    );
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });

  it('never prints the password of a wrong connection string', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgress://app:S3cret@db/concord' })).toThrow(
      /DATABASE_URL="postgress:\/\/\*\*\*@db\/concord"/,
    );
    try {
      loadConfig({ DATABASE_URL: 'postgress://app:S3cret@db/concord' });
    } catch (err) {
      expect(String(err)).not.toContain('S3cret');
    }
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).PORT).toBe(3000);
  });
});
