package io.cxvalue.contracts.identity;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.cxvalue.contracts.events.Identity;
import io.cxvalue.contracts.events.IdentityKind;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Brings the identities channel systems report into one canonical form, so that the same person reported by two
 * systems resolves to one customer: phones to E.164 (libphonenumber), e-mail addresses lower-cased, social handles
 * by the rules of their network, CRM ids as given. The one normaliser of the suite: ingestion stores identities with
 * it and scoring looks a caller up with it, so a lookup key is exactly the stored key.
 */
public final class IdentityNormalizer {

    /** Handle rules of the networks whose handles are case-insensitive and have a known shape. */
    private static final Map<String, Pattern> HANDLE_RULES = Map.of(
            "x", Pattern.compile("^[a-z0-9_]{1,15}$"),
            "instagram", Pattern.compile("^[a-z0-9._]{1,30}$"),
            "tiktok", Pattern.compile("^[a-z0-9._]{2,24}$"),
            "facebook", Pattern.compile("^[a-z0-9.]{5,50}$"),
            "linkedin", Pattern.compile("^[a-z0-9-]{3,100}$"));
    private static final Map<String, String> NETWORK_ALIASES = Map.of("twitter", "x", "fb", "facebook", "ig",
            "instagram");
    private static final Pattern OTHER_HANDLE = Pattern.compile("^[\\p{L}\\p{N}._-]{1,100}$");
    private static final Pattern NETWORK = Pattern.compile("^[a-z][a-z0-9-]{0,31}$");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+$");
    private static final Pattern CRM_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$");

    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
    private final String defaultRegion;

    /**
     * @param defaultRegion ISO 3166 region for numbers written without a country code (e.g. "GB")
     */
    public IdentityNormalizer(String defaultRegion) {
        if (!phones.getSupportedRegions().contains(defaultRegion)) {
            throw new IllegalArgumentException("Unknown phone region " + defaultRegion);
        }
        this.defaultRegion = defaultRegion;
    }

    /** A phone number in any format libphonenumber parses, as E.164. */
    public Identity phone(String raw) {
        if (raw == null || raw.isBlank() || raw.length() > 64) {
            throw new InvalidIdentityException("must be a phone number");
        }
        PhoneNumber number;
        try {
            number = phones.parse(raw, defaultRegion);
        } catch (NumberParseException e) {
            throw new InvalidIdentityException("is not a phone number libphonenumber can read");
        }
        // "Possible" (right length for its country) rather than "valid" (in an allocated range): a caller from a
        // newly allocated range must still be recognised, and libphonenumber's range metadata lags allocations.
        if (!phones.isPossibleNumber(number)) {
            throw new InvalidIdentityException("is not a possible phone number for its country");
        }
        return new Identity(IdentityKind.PHONE, phones.format(number, PhoneNumberUtil.PhoneNumberFormat.E164), null);
    }

    /** An e-mail address, trimmed and lower-cased (mailbox providers treat the local part case-insensitively). */
    public Identity email(String raw) {
        String email = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
        if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            throw new InvalidIdentityException("must be an e-mail address");
        }
        return new Identity(IdentityKind.EMAIL, email, null);
    }

    /** A handle on a social network, without a leading @, lower-cased, checked against the network's rules. */
    public Identity social(String network, String handle) {
        String net = network == null ? "" : network.strip().toLowerCase(Locale.ROOT);
        net = NETWORK_ALIASES.getOrDefault(net, net);
        if (!NETWORK.matcher(net).matches()) {
            throw new InvalidIdentityException("must name a social network, e.g. x, instagram, facebook");
        }
        String value = handle == null ? "" : handle.strip();
        if (value.startsWith("@")) {
            value = value.substring(1);
        }
        value = value.toLowerCase(Locale.ROOT);
        Pattern rule = HANDLE_RULES.getOrDefault(net, OTHER_HANDLE);
        if (!rule.matcher(value).matches()) {
            throw new InvalidIdentityException("is not a valid " + net + " handle");
        }
        return new Identity(IdentityKind.SOCIAL, value, net);
    }

    /** A customer id in the CRM: case-sensitive, kept as given but trimmed. */
    public Identity crmId(String raw) {
        String id = raw == null ? "" : raw.strip();
        if (!CRM_ID.matcher(id).matches()) {
            throw new InvalidIdentityException("must be a CRM id of letters, digits and . _ : / -");
        }
        return new Identity(IdentityKind.CRM_ID, id, null);
    }

    /** The key under which an identity is unique: kind, network and canonical value. */
    public static String key(Identity identity) {
        return identity.kind() + ":" + (identity.network() == null ? "" : identity.network()) + ":"
                + identity.value();
    }

    /** An identity that cannot be normalised; the message completes "the field ...". */
    public static final class InvalidIdentityException extends IllegalArgumentException {
        public InvalidIdentityException(String message) {
            super(message);
        }
    }
}
