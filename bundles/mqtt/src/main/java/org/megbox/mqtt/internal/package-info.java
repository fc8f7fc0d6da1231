/**
 * The MQTT sink (beyond the spec, for fleets): {@code POST/GET /devices/mqttReports} and, when enabled, the
 * {@link org.megbox.delivery.EventReceiver} {@code mqtt} that publishes each stored event to the broker.
 */
package org.megbox.mqtt.internal;
