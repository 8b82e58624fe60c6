/**
 * Durable file helpers: the {@link io.tributary.storage.file.FileSync} seam through which every
 * force goes, atomic file replacement and the small checkpoint files.
 */
package io.tributary.storage.file;
