import { randomBytes } from 'node:crypto';
import { newWebhookSecret, SecretBox } from './secret-box';

describe('SecretBox', () => {
  const key = randomBytes(32).toString('base64');

  it('gives back the secret it sealed, and the sealed form does not contain it', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const sealed = new SecretBox(key).seal(secret);
    expect(sealed).not.toContain(secret.slice(6));
    expect(new SecretBox(key).open(sealed)).toBe(secret);
    expect(new SecretBox(key).seal(secret)).not.toBe(sealed);
  });

  it('refuses a tampered box and another key', () => {
    const sealed = new SecretBox(key).seal(newWebhookSecret());
    const parts = sealed.split('.');
    parts[3] = Buffer.from(Buffer.from(parts[3], 'base64url').map((b, i) => (i === 0 ? b ^ 1 : b))).toString('base64url');
    expect(() => new SecretBox(key).open(parts.join('.'))).toThrow();
    expect(() => new SecretBox(randomBytes(32).toString('base64')).open(sealed)).toThrow();
  });

  it('uses the documented development key when none is set, and refuses a key of the wrong size', () => {
    const sealed = new SecretBox('').seal('whsec_x');
    expect(new SecretBox('').open(sealed)).toBe('whsec_x');
    expect(() => new SecretBox(randomBytes(16).toString('base64'))).toThrow(/32 bytes/);
  });
});
