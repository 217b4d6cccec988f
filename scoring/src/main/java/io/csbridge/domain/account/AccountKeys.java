package io.csbridge.domain.account;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** All the keys of one account, in the shape the admin API shows them. */
public record AccountKeys(List<AccountKey> keys) {

    public AccountKeys {
        keys = List.copyOf(keys);
    }

    public static AccountKeys of(Collection<AccountKey> keys) {
        return new AccountKeys(new ArrayList<>(keys));
    }

    /** {@code {"salesforce":"001...","zendesk":"9001","product":"acme-1","domains":["acme.com"]}}, absent keys omitted. */
    public Map<String, Object> asContractMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        List<String> domains = new ArrayList<>();
        for (AccountKey key : keys) {
            switch (key.kind()) {
                case DOMAIN -> domains.add(key.value());
                case PRODUCT_USER, ACCOUNT -> { }
                case ZENDESK_EXTERNAL -> out.putIfAbsent("zendeskExternalId", key.value());
                default -> out.putIfAbsent(key.kind().label(), key.value());
            }
        }
        if (!domains.isEmpty()) {
            out.put("domains", domains);
        }
        return out;
    }
}
