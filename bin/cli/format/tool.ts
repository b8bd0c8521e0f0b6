// Name and version of this tool, as reports cite it.
import pkg from '../../../package.json' with { type: 'json' };

const manifest = pkg as { name: string; version: string; homepage?: string };

export const TOOL = {
  name: manifest.name,
  version: manifest.version,
  ...(manifest.homepage ? { homepage: manifest.homepage } : {}),
} as { name: string; version: string; homepage?: string };
