/**
 * File names of report pages. Ids (documents, entities) are hostile input: a page name keeps only
 * safe characters of the id, then adds a hash of the whole id, so two ids never share a page and no
 * id can name a path outside the report folder.
 */

/** FNV-1a 32-bit hash of a string, as 8 hex digits. */
export function hashId(id: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * A safe page name (without folder) for an id: `person:park-jin` → `person_park-jin-1a2b3c4d.html`.
 * @param id a document or entity id
 */
export function pageName(id: string): string {
  const slug = id
    .replace(/[^A-Za-z0-9_-]+/g, '_')
    .replace(/^[_-]+|_+$/g, '')
    .slice(0, 60);
  return `${slug || 'x'}-${hashId(id)}.html`;
}

/** Folder (inside report/) of the article pages. */
export const ARTICLES_DIR = 'articles';
/** Folder (inside report/) of the entity pages. */
export const ENTITIES_DIR = 'entities';

/**
 * Link from a page at report/ root to an article page.
 * @param docId the document id
 * @param fromSubfolder true when linking from a page inside articles/ or entities/
 */
export function articleHref(docId: string, fromSubfolder: boolean): string {
  return `${fromSubfolder ? '../' : ''}${ARTICLES_DIR}/${pageName(docId)}`;
}

/**
 * Link to an entity page.
 * @param entityId the entity id
 * @param fromSubfolder true when linking from a page inside articles/ or entities/
 */
export function entityHref(entityId: string, fromSubfolder: boolean): string {
  return `${fromSubfolder ? '../' : ''}${ENTITIES_DIR}/${pageName(entityId)}`;
}

/**
 * Name of the n-th (1-based) page of a paginated list: page 1 of the articles is index.html.
 * @param kind `articles` or `entities`
 * @param page 1-based page number
 */
export function listPageName(kind: 'articles' | 'entities', page: number): string {
  if (kind === 'articles' && page === 1) return 'index.html';
  return `${kind}-${page}.html`;
}
