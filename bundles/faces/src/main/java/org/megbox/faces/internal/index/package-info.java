/**
 * The 1:N face search index: {@link org.megbox.faces.internal.index.FaceIndex}, embeddings in memory-mapped chunk
 * files with an int8 copy on the heap for a parallel quantised scan and an exact re-rank from the float vectors.
 */
package org.megbox.faces.internal.index;
