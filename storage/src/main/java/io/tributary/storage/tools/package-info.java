/**
 * Operator tools over storage files, such as the segment dump behind {@code tributary log dump}.
 */
package io.tributary.storage.tools;
