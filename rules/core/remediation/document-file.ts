// Where a document of ours is: document.yaml in the folder of the link that names it, found from the
// link module's own URL so that no caller works out a path to it by hand.
import { fileURLToPath } from 'node:url';

/** The absolute path of the document.yaml beside the module at `linkModuleUrl` (its import.meta.url). */
export function documentBeside(linkModuleUrl: string): string {
  return fileURLToPath(new URL('document.yaml', linkModuleUrl));
}
