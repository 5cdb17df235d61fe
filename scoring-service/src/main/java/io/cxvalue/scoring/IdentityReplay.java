package io.cxvalue.scoring;

import io.cxvalue.contracts.events.Identity;
import io.cxvalue.scoring.CustomerIdentity.Key;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The identity keys of the caller lookup, as stored for some customers and keys, with a poll's upserts and links
 * replayed on them in order, by the same rules as one event at a time: an upsert makes the customer's keys exactly
 * the kept ones it lists (a key it no longer lists goes unless it was linked after the upsert), and a link takes a
 * key over unless the stored link is more recent. What changed is then written in a few set-based statements.
 * <p>
 * The state loaded must hold every stored key of the customers replayed and every key their events name.
 */
public final class IdentityReplay {

    /** Who holds a key, since when. */
    public record Link(String customerId, Instant linkedAt) {
    }

    private final Map<Key, Link> links = new HashMap<>();
    private final Set<Key> changed = new LinkedHashSet<>();
    private final Set<Key> removed = new LinkedHashSet<>();
    private final Map<String, Instant> touched = new LinkedHashMap<>();

    /** Adds a stored key to the state the events are replayed on. */
    public void stored(Key key, Link link) {
        links.put(key, link);
    }

    /** The customer's upsert as of {@code at}, listing {@code identities} (kinds not kept are ignored). */
    public void upsert(String customerId, Instant at, List<Identity> identities) {
        touch(customerId, at);
        Set<Key> listed = new LinkedHashSet<>();
        for (Identity identity : identities == null ? List.<Identity>of() : identities) {
            if (CustomerIdentity.KEPT_KINDS.contains(identity.kind())) {
                listed.add(new Key(identity.kind(), identity.value()));
            }
        }
        List<Key> unlisted = new ArrayList<>();
        links.forEach((key, link) -> {
            if (link.customerId().equals(customerId) && !listed.contains(key) && !link.linkedAt().isAfter(at)) {
                unlisted.add(key);
            }
        });
        for (Key key : unlisted) {
            links.remove(key);
            changed.remove(key);
            removed.add(key);
        }
        listed.forEach(key -> link(key, customerId, at));
    }

    /** An identity linked to the customer as of {@code at} (a kind not kept only touches the customer). */
    public void link(String customerId, Identity identity, Instant at) {
        touch(customerId, at);
        if (CustomerIdentity.KEPT_KINDS.contains(identity.kind())) {
            link(new Key(identity.kind(), identity.value()), customerId, at);
        }
    }

    private void link(Key key, String customerId, Instant at) {
        Link known = links.get(key);
        if (known != null && at.isBefore(known.linkedAt())) {
            return;
        }
        links.put(key, new Link(customerId, at));
        removed.remove(key);
        changed.add(key);
    }

    private void touch(String customerId, Instant at) {
        touched.merge(customerId, at, (a, b) -> a.isAfter(b) ? a : b);
    }

    /** Keys to delete. */
    public Set<Key> removed() {
        return new HashSet<>(removed);
    }

    /** Keys to write (insert or update), with their link. */
    public Map<Key, Link> changed() {
        Map<Key, Link> result = new LinkedHashMap<>();
        changed.forEach(key -> result.put(key, links.get(key)));
        return result;
    }

    /** Customers to create or touch, with the latest time of their events. */
    public Map<String, Instant> touched() {
        return Map.copyOf(touched);
    }
}
