package dev.switchboard.local.realtime;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An authorizer's IAM policy judged as API Gateway judges it: the request's ARN must be allowed by
 * a statement whose Resource matches it, and denied by none. An authorizer that allows the wrong
 * resource is refused here as it would be in AWS.
 */
final class Policy {
    private Policy() {
    }

    static boolean allows(Map<String, Object> response, String methodArn) {
        if (!(response.get("policyDocument") instanceof Map<?, ?> document)) {
            return false;
        }
        boolean allowed = false;
        for (Object statement : list(document.get("Statement"))) {
            if (!(statement instanceof Map<?, ?> s) || !matches(list(s.get("Resource")), methodArn)) {
                continue;
            }
            String effect = String.valueOf(s.get("Effect"));
            if (effect.equalsIgnoreCase("Deny")) {
                return false;
            }
            allowed |= effect.equalsIgnoreCase("Allow");
        }
        return allowed;
    }

    /** IAM lets a single value stand for a list of one. */
    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : value == null ? List.of() : List.of(value);
    }

    /** IAM's resource wildcards: '*' any run of characters, '?' any one. */
    private static boolean matches(List<?> resources, String arn) {
        for (Object resource : resources) {
            StringBuilder regex = new StringBuilder();
            for (char c : String.valueOf(resource).toCharArray()) {
                regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
            }
            if (arn.matches(regex.toString())) {
                return true;
            }
        }
        return false;
    }
}
