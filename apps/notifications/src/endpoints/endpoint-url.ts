import { ValidationFailedError } from '@app/platform';
import { refuseTarget } from '../delivery/target-guard';

/**
 * A webhook URL must be http(s) (https in production), carry no credentials, and reach no
 * loopback, private, link-local or metadata address unless those are allowed (dev and tests).
 * Checked here at registration and again on every connection (DNS may change its mind).
 */
export async function assertWebhookUrl(raw: string, o: { production: boolean; allowPrivate: boolean }): Promise<string> {
  const refuse = (message: string) => new ValidationFailedError([{ field: 'url', message }], `The webhook URL ${message}.`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refuse('is not an absolute URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw refuse('must use https (or http outside production)');
  if (o.production && url.protocol !== 'https:') throw refuse('must use https');
  if (url.username || url.password) throw refuse('must not carry credentials');
  const why = await refuseTarget(url, o.allowPrivate);
  if (why) throw refuse(why);
  return url.toString();
}
