/** Implementation of the events store: the sink, the writer thread, pictures, the database records, the queries. */
package org.megbox.events.internal;
