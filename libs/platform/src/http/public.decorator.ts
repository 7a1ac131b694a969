import { SetMetadata } from '@nestjs/common';

export const PUBLIC_METADATA = 'nongsan:public';

/** No API key needed (health, metrics, the public trace page). */
export function Public(): MethodDecorator & ClassDecorator {
  return SetMetadata(PUBLIC_METADATA, true);
}
