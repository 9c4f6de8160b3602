import { existsSync } from 'node:fs';

/** Debian's Chromium: browser tests never download a browser build. */
export const CHROMIUM = '/usr/bin/chromium';

/** Headless, and without the background traffic this closed network would refuse. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Why a browser test on the shared datasets cannot run here, or false when it can. */
export function browserSkip(datasets: string): string | false {
  if (!existsSync(CHROMIUM)) {
    return `needs Debian's Chromium at ${CHROMIUM} (apt-get install chromium; .ci/run installs it)`;
  }
  return existsSync(datasets) ? false : `needs ../shared/datasets (${datasets} is absent)`;
}
