/**
 * Event delivery: {@code POST/GET /devices/httpReports} (§4.1.5-4.1.6) and the durable outbox that pushes the
 * stored events to the HTTP receivers in the alert-mode shape (§25.3, P9).
 */
package org.megbox.delivery.internal;
