package io.azsync.transform;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/** The named string transforms a transform-map column may apply, in the order listed. */
public enum ValueTransform {

    LOWERCASE("lowercase", s -> s.toLowerCase(Locale.ROOT)),
    UPPERCASE("uppercase", s -> s.toUpperCase(Locale.ROOT)),
    TRIM("trim", String::trim),
    /** {@code /subscriptions/SUB/resourceGroups/RG/...} → {@code sub}, lower-cased; null when absent. */
    ARM_SUBSCRIPTION_ID("arm-subscription-id", s -> ArmId.segmentAfter(s, "subscriptions")),
    /** {@code /subscriptions/SUB/resourceGroups/RG/...} → {@code rg}, lower-cased; null when absent. */
    ARM_RESOURCE_GROUP("arm-resource-group", s -> ArmId.segmentAfter(s, "resourcegroups")),
    /** The last segment of an ARM id (the resource name), as written. */
    ARM_NAME("arm-name", ArmId::lastSegment),
    /** A port range's first port: {@code *} → 0, {@code 22} → 22, {@code 1000-2000} → 1000. */
    RANGE_START("range-start", s -> PortRange.bound(s, true)),
    /** A port range's last port: {@code *} → 65535, {@code 22} → 22, {@code 1000-2000} → 2000. */
    RANGE_END("range-end", s -> PortRange.bound(s, false)),
    /**
     * The resource a Defender assessment is about, from the assessment's own id:
     * {@code <resource id>/providers/Microsoft.Security/assessments/<key>} → {@code <resource id>}
     * (any other value passes unchanged).
     */
    ASSESSED_RESOURCE("assessed-resource", ArmId::assessedResource),
    /** A link without a scheme ({@code portal.azure.com/#blade/...}) gets {@code https://}; one with a scheme is kept. */
    HTTPS_URL("https-url", s -> s.isBlank() || Url.SCHEME.matcher(s).matches() ? s : "https://" + Url.LEADING_SLASHES.matcher(s).replaceFirst(""));

    private final String yamlName;
    private final UnaryOperator<String> function;

    ValueTransform(String yamlName, UnaryOperator<String> function) {
        this.yamlName = yamlName;
        this.function = function;
    }

    public String yamlName() {
        return yamlName;
    }

    public String apply(String value) {
        return value == null ? null : function.apply(value);
    }

    public static ValueTransform byName(String name) {
        for (ValueTransform t : values()) {
            if (t.yamlName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown transform '" + name + "' (expected one of: " + names() + ")");
    }

    public static String names() {
        return Arrays.stream(values()).map(ValueTransform::yamlName).collect(Collectors.joining(", "));
    }

    /** Port range helpers (NSG rules). */
    static final class PortRange {
        private PortRange() {
        }

        static String bound(String range, boolean start) {
            String r = range.trim();
            if (r.equals("*") || r.equalsIgnoreCase("any")) {
                return start ? "0" : "65535";
            }
            int dash = r.indexOf('-');
            if (dash > 0) {
                return (start ? r.substring(0, dash) : r.substring(dash + 1)).trim();
            }
            return r;
        }
    }

    /** ARM resource id helpers. */
    /** The patterns of {@link #HTTPS_URL}, compiled once. */
    static final class Url {
        static final java.util.regex.Pattern SCHEME = java.util.regex.Pattern.compile("(?i)[a-z][a-z0-9+.-]*://.*");
        static final java.util.regex.Pattern LEADING_SLASHES = java.util.regex.Pattern.compile("^/+");

        private Url() {
        }
    }

    static final class ArmId {
        private ArmId() {
        }

        /** The segment after the first segment equal to {@code key} (ignoring case) that has a non-empty one after it. */
        static String segmentAfter(String id, String key) {
            int n = id.length();
            for (int start = 0; start < n; ) {
                int end = id.indexOf('/', start);
                end = end < 0 ? n : end;
                if (end - start == key.length() && end < n && id.regionMatches(true, start, key, 0, key.length())) {
                    int next = id.indexOf('/', end + 1);
                    next = next < 0 ? n : next;
                    if (next > end + 1) {
                        return id.substring(end + 1, next).toLowerCase(Locale.ROOT);
                    }
                }
                start = end + 1;
            }
            return null;
        }

        private static final String ASSESSMENTS = "/providers/microsoft.security/assessments/";

        static String assessedResource(String id) {
            for (int at = id.indexOf('/', 1); at > 0; at = id.indexOf('/', at + 1)) {
                if (id.regionMatches(true, at, ASSESSMENTS, 0, ASSESSMENTS.length())) {
                    return id.substring(0, at);
                }
            }
            return id;
        }

        static String lastSegment(String id) {
            String trimmed = id.endsWith("/") ? id.substring(0, id.length() - 1) : id;
            int slash = trimmed.lastIndexOf('/');
            String last = slash >= 0 ? trimmed.substring(slash + 1) : trimmed;
            return last.isEmpty() ? null : last;
        }
    }
}
