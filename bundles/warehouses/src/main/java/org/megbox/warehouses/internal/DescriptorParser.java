package org.megbox.warehouses.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.megbox.api.warehouse.AlertorTypeSpec;
import org.megbox.api.warehouse.AnalyzerSupport;
import org.megbox.api.warehouse.IntRange;
import org.megbox.api.warehouse.ParamSpec;
import org.megbox.api.warehouse.ValueType;
import org.megbox.api.warehouse.WarehouseDescriptor;

/**
 * Reads {@code MEGBOX-INF/warehouse.json} into a {@link WarehouseDescriptor}: the JSON shape and types
 * (required fields present, numbers where numbers belong, known {@code value_type}s). What the values
 * mean is checked afterwards by {@link DescriptorValidator}; {@link #read(byte[])} does both.
 *
 * <p>Unknown fields are ignored, so a descriptor written for a newer box still installs on an older one.
 * Stateless and thread-safe.
 */
public final class DescriptorParser {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private DescriptorParser() {
    }

    /** Parses and validates; the descriptor returned is fit to be served. */
    public static WarehouseDescriptor read(byte[] json) throws DescriptorException {
        WarehouseDescriptor d = parse(json);
        DescriptorValidator.validate(d);
        return d;
    }

    /** Parses only (shape and JSON types). */
    public static WarehouseDescriptor parse(byte[] json) throws DescriptorException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw DescriptorException.at("", "not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ")" : ""));
        } catch (IOException e) {
            throw DescriptorException.at("", "unreadable: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw DescriptorException.at("", "the descriptor must be a JSON object");
        }
        List<AlertorTypeSpec> alertors = new ArrayList<>();
        JsonNode list = array(root, "alertor_type", "alertor_type");
        for (int i = 0; i < list.size(); i++) {
            alertors.add(alertor(list.get(i), "alertor_type[" + i + "]"));
        }
        return new WarehouseDescriptor(
                integer(root, "alg_type", "alg_type"),
                text(root, "items_type", "items_type"),
                text(root, "version", "version"),
                number(root, "alg_frame_rate", "alg_frame_rate"),
                integer(root, "mask_area_num", "mask_area_num"),
                integer(root, "area_max_num", "area_max_num"),
                range(root, "roi_area_points_range", "roi_area_points_range"),
                range(root, "mask_area_points_range", "mask_area_points_range"),
                alertors,
                analyzer(root.get("analyzer"), "analyzer"));
    }

    private static AnalyzerSupport analyzer(JsonNode node, String path) throws DescriptorException {
        if (node == null || node.isNull()) {
            return AnalyzerSupport.none("the descriptor declares no analyzer");
        }
        if (!node.isObject()) {
            throw DescriptorException.at(path, "must be an object {\"available\": bool, \"note\": string, \"events\": [string]}");
        }
        JsonNode available = node.get("available");
        if (available == null || !available.isBoolean()) {
            throw DescriptorException.at(path + ".available", "required boolean");
        }
        JsonNode note = node.get("note");
        if (note != null && !note.isNull() && !note.isTextual()) {
            throw DescriptorException.at(path + ".note", "must be a string");
        }
        List<String> events = null;
        JsonNode ev = node.get("events");
        if (ev != null && !ev.isNull()) {
            if (!ev.isArray()) {
                throw DescriptorException.at(path + ".events", "must be an array of alertor type strings");
            }
            events = new ArrayList<>();
            for (int i = 0; i < ev.size(); i++) {
                if (!ev.get(i).isTextual()) {
                    throw DescriptorException.at(path + ".events[" + i + "]", "must be a string");
                }
                events.add(ev.get(i).textValue());
            }
        }
        return new AnalyzerSupport(available.booleanValue(), note == null || note.isNull() ? "" : note.textValue(),
                events);
    }

    private static AlertorTypeSpec alertor(JsonNode node, String path) throws DescriptorException {
        if (!node.isObject()) {
            throw DescriptorException.at(path, "must be an object");
        }
        List<ParamSpec> params = new ArrayList<>();
        JsonNode p = node.get("params");
        if (p != null && !p.isNull()) {
            if (!p.isArray()) {
                throw DescriptorException.at(path + ".params", "must be an array");
            }
            for (int i = 0; i < p.size(); i++) {
                params.add(param(p.get(i), path + ".params[" + i + "]"));
            }
        }
        JsonNode attr = node.get("type_attr");
        int typeAttr = attr == null || attr.isNull() ? 0 : integer(node, "type_attr", path + ".type_attr");
        return new AlertorTypeSpec(
                text(node, "type", path + ".type"),
                integer(node, "type_num", path + ".type_num"),
                typeAttr,
                strings(node, "target_type", path + ".target_type"),
                strings(node, "area_type", path + ".area_type"),
                params);
    }

    private static ParamSpec param(JsonNode node, String path) throws DescriptorException {
        if (!node.isObject()) {
            throw DescriptorException.at(path, "must be an object");
        }
        String name = text(node, "param", path + ".param");
        String vt = text(node, "value_type", path + ".value_type");
        ValueType valueType;
        try {
            valueType = ValueType.fromWireName(vt);
        } catch (IllegalArgumentException e) {
            throw DescriptorException.at(path + ".value_type", "unknown value_type \"" + vt
                    + "\" (int, double, string, array_string, array_int)");
        }
        Object defaultValue = value(node.get("default"), path + ".default");
        List<Object> range = new ArrayList<>();
        JsonNode r = node.get("range");
        if (r != null && !r.isNull()) {
            if (!r.isArray()) {
                throw DescriptorException.at(path + ".range", "must be an array");
            }
            for (int i = 0; i < r.size(); i++) {
                JsonNode e = r.get(i);
                if (!e.isNumber() && !e.isTextual()) {
                    throw DescriptorException.at(path + ".range[" + i + "]", "must be a number or a string");
                }
                range.add(value(e, path + ".range[" + i + "]"));
            }
        }
        JsonNode req = node.get("required");
        if (req != null && !req.isNull() && !req.isBoolean()) {
            throw DescriptorException.at(path + ".required", "must be a boolean");
        }
        return new ParamSpec(name, valueType, defaultValue, range, req != null && req.asBoolean(false));
    }

    /** JSON value as the rule validator sees it: Integer/Long, Double, String, Boolean, List; null stays null. */
    static Object value(JsonNode node, String path) throws DescriptorException {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToInt() ? (Object) node.intValue() : (Object) node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                list.add(value(node.get(i), path + "[" + i + "]"));
            }
            return list;
        }
        throw DescriptorException.at(path, "objects are not allowed here");
    }

    private static JsonNode required(JsonNode parent, String field, String path) throws DescriptorException {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            throw DescriptorException.at(path, "required field is missing");
        }
        return n;
    }

    private static int integer(JsonNode parent, String field, String path) throws DescriptorException {
        JsonNode n = required(parent, field, path);
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw DescriptorException.at(path, "must be an integer, was " + n);
        }
        return n.intValue();
    }

    private static double number(JsonNode parent, String field, String path) throws DescriptorException {
        JsonNode n = required(parent, field, path);
        if (!n.isNumber()) {
            throw DescriptorException.at(path, "must be a number, was " + n);
        }
        return n.doubleValue();
    }

    private static String text(JsonNode parent, String field, String path) throws DescriptorException {
        JsonNode n = required(parent, field, path);
        if (!n.isTextual()) {
            throw DescriptorException.at(path, "must be a string, was " + n);
        }
        return n.textValue();
    }

    private static JsonNode array(JsonNode parent, String field, String path) throws DescriptorException {
        JsonNode n = required(parent, field, path);
        if (!n.isArray()) {
            throw DescriptorException.at(path, "must be an array");
        }
        return n;
    }

    private static List<String> strings(JsonNode parent, String field, String path) throws DescriptorException {
        JsonNode n = array(parent, field, path);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            if (!n.get(i).isTextual()) {
                throw DescriptorException.at(path + "[" + i + "]", "must be a string");
            }
            out.add(n.get(i).textValue());
        }
        return out;
    }

    private static IntRange range(JsonNode parent, String field, String path) throws DescriptorException {
        JsonNode n = array(parent, field, path);
        if (n.size() != 2 || !n.get(0).isIntegralNumber() || !n.get(1).isIntegralNumber()
                || !n.get(0).canConvertToInt() || !n.get(1).canConvertToInt()) {
            throw DescriptorException.at(path, "must be [min, max] of two integers, was " + n);
        }
        if (n.get(0).intValue() > n.get(1).intValue()) {
            throw DescriptorException.at(path, "min " + n.get(0) + " is greater than max " + n.get(1));
        }
        return new IntRange(n.get(0).intValue(), n.get(1).intValue());
    }
}
