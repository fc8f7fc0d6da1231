package org.megbox.wsserver.internal;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.megbox.delivery.EventPayloads.Pictures;

/**
 * What a client asked for in the query of its upgrade request ({@code /v1/MEGBOX/ws?clientId=...}), validated.
 *
 * @param clientId the name that keeps the client's cursor across reconnects, or null for a connection of its own
 * @param format {@link Format#LEGACY} §23.3 binary frames or {@link Format#ALERT_MODE} §25.4 JSON
 * @param pictures the §4.1.3 switches {@code pushImageSW}, {@code pushBigImageSW}, {@code pushSmallImageSW}
 * @param heartbeatMillis the §23.1.1 heartbeat interval ({@code htInterval} seconds, 1..3600)
 * @param ack whether each §23.3 frame waits for the client's §23.1.2 {@code ..._ACK} before the next one
 */
record ClientOptions(String clientId, Format format, Pictures pictures, long heartbeatMillis, boolean ack) {

    enum Format { LEGACY, ALERT_MODE }

    /** Prefix of every receiver name of this bundle (the outbox's names are at most 64 characters). */
    static final String NAME_PREFIX = "ws-server.";
    static final int DEFAULT_HEARTBEAT_SECONDS = 30;
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._-]{1,54}");

    /** A query parameter with a value the server does not accept; {@link #getMessage()} is its name. */
    static final class BadParameter extends Exception {
        private static final long serialVersionUID = 1L;

        BadParameter(String name) {
            super(name, null, false, false);
        }
    }

    static ClientOptions parse(Map<String, List<String>> query) throws BadParameter {
        String clientId = single(query, "clientId");
        if (clientId != null && !CLIENT_ID.matcher(clientId).matches()) {
            throw new BadParameter("clientId");
        }
        String formatText = single(query, "format");
        Format format;
        if (formatText == null || formatText.equals("legacy")) {
            format = Format.LEGACY;
        } else if (formatText.equals("alertMode")) {
            format = Format.ALERT_MODE;
        } else {
            throw new BadParameter("format");
        }
        boolean any = flag(query, "pushImageSW");
        boolean full = flag(query, "pushBigImageSW");
        boolean crop = flag(query, "pushSmallImageSW");
        long heartbeat = DEFAULT_HEARTBEAT_SECONDS;
        String interval = single(query, "htInterval");
        if (interval != null) {
            try {
                heartbeat = Long.parseLong(interval);
            } catch (NumberFormatException e) {
                throw new BadParameter("htInterval");
            }
            if (heartbeat < 1 || heartbeat > 3600) {
                throw new BadParameter("htInterval");
            }
        }
        boolean ack = single(query, "ack") != null && flag(query, "ack");
        if (ack && format == Format.ALERT_MODE) {
            throw new BadParameter("ack"); // §25.4 defines no acknowledgement
        }
        return new ClientOptions(clientId, format, new Pictures(any, any && full, any && crop), heartbeat * 1000,
                ack);
    }

    /** The outbox name: {@code ws-server.<clientId>}, or {@code ws-server.<connectionId>} without a client id. */
    String receiverName(String connectionId) {
        return NAME_PREFIX + (clientId != null ? clientId : connectionId);
    }

    private static String single(Map<String, List<String>> query, String name) throws BadParameter {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new BadParameter(name);
        }
        return values.get(0);
    }

    /** A switch: absent means on (a client of this server wants the pictures unless it says otherwise). */
    private static boolean flag(Map<String, List<String>> query, String name) throws BadParameter {
        String v = single(query, name);
        if (v == null || v.equals("true") || v.equals("1")) {
            return true;
        }
        if (v.equals("false") || v.equals("0")) {
            return false;
        }
        throw new BadParameter(name);
    }
}
